// The referrals routes' request and response schemas (shared by the Express routes and the admin).
//   GET  /api/referrals                         list (status, source, date range, cursor pages)
//   GET  /api/referrals/:referralId             the trail: why credited / why not
//   GET  /api/orders/:orderId/attribution       an order's explanation, credited or not
//   GET  /api/review-queue                      flagged referrals with their risk and evidence
//   GET  /api/review-queue/count                how many wait (the navigation badge)
//   POST /api/referrals/:referralId/review      approve or reject with a note (audited)
import { z } from 'zod';
import { isoDateSchema, pageInfoSchema } from './common.js';

export const referralStatuses = [
  'pending',
  'qualified',
  'review',
  'approved',
  'rewarded',
  'rejected',
  'reversed',
] as const;
export const referralStatusSchema = z.enum(referralStatuses);
export type ReferralStatus = z.infer<typeof referralStatusSchema>;

/** How the friend was tied to the advocate (attribution's touch sources). */
export const referralSources = ['link', 'code', 'discount', 'email', 'deal', 'customer'] as const;
export const referralSourceSchema = z.enum(referralSources);

/** `a,b` or repeated `?x=a&x=b` -> ['a', 'b']. */
const listParam = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) =>
      value === undefined || value === ''
        ? []
        : (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).filter(Boolean),
    z.array(item).max(10),
  );

/** A calendar day, YYYY-MM-DD (the shop's day boundaries are the browser's, sent as an instant). */
const dayOrInstant = z
  .string()
  .refine((v) => !Number.isNaN(Date.parse(v)), { message: 'Enter a valid date.' })
  .optional();

export const listReferralsQuerySchema = z
  .object({
    status: listParam(referralStatusSchema),
    source: listParam(referralSourceSchema),
    /** Created at or after this instant. */
    from: dayOrInstant,
    /** Created before this instant. */
    to: dayOrInstant,
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), {
    message: 'The end date must be on or after the start date.',
    path: ['to'],
  });
/** What the admin sends (lists travel comma-separated). */
export type ListReferralsQuery = {
  status?: ReferralStatus[];
  source?: (typeof referralSources)[number][];
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
};

const personSchema = z.object({
  id: z.string(),
  email: z.string().nullable(),
  firstName: z.string().nullable(),
});

export const referralListItemSchema = z.object({
  id: z.string(),
  status: referralStatusSchema,
  source: z.string(),
  riskScore: z.number().int(),
  /** The platform's order id ("order number" in the admin's search). */
  orderId: z.string(),
  totalMinor: z.number().int().nullable(),
  currency: z.string().nullable(),
  advocate: personSchema.nullable(),
  friendEmail: z.string().nullable(),
  createdAt: isoDateSchema,
});
export type ReferralListItem = z.infer<typeof referralListItemSchema>;

export const listReferralsResponseSchema = z.object({
  referrals: z.array(referralListItemSchema),
  pageInfo: pageInfoSchema,
});
export type ListReferralsResponse = z.infer<typeof listReferralsResponseSchema>;

export const riskEvidenceSchema = z.object({ label: z.string(), value: z.string() });
export const riskFindingSchema = z.object({
  rule: z.string(),
  score: z.number(),
  reason: z.string(),
  evidence: z.array(riskEvidenceSchema),
});
export type RiskFinding = z.infer<typeof riskFindingSchema>;

/** One signal attribution weighed (kept or discarded, and why). */
export const attributionSignalSchema = z.object({
  source: z.string(),
  signal: z.string(),
  advocateId: z.string(),
  /** The code the touch carried (or the advocate's own); absent in decisions stored before it was kept. */
  advocateCode: z.string().nullish(),
  at: z.string(),
  eligible: z.boolean(),
  /** The touch that credited the order; absent in decisions stored before it was kept. */
  chosen: z.boolean().optional(),
  why: z.string(),
});
export type AttributionSignal = z.infer<typeof attributionSignalSchema>;

export const trailTransitionSchema = z.object({
  from: referralStatusSchema.nullable(),
  to: referralStatusSchema,
  at: isoDateSchema,
  actor: z.string().nullable(),
  note: z.string().nullable(),
  cause: z.string(),
});
export type TrailTransition = z.infer<typeof trailTransitionSchema>;

export const referralRewardKinds = [
  'percent_discount',
  'fixed_discount',
  'store_credit',
  'gift_card',
  'points',
] as const;
export const trailRewardSchema = z.object({
  id: z.string(),
  recipient: z.enum(['advocate', 'friend']),
  kind: z.enum(referralRewardKinds),
  status: z.enum(['held', 'released', 'issued', 'voided', 'reversed', 'rejected']),
  amountMinor: z.number().int(),
  reversedMinor: z.number().int(),
  currency: z.string(),
  reason: z.string(),
  createdAt: isoDateSchema,
  holdUntil: isoDateSchema,
  releasedAt: isoDateSchema.nullable(),
  issuedAt: isoDateSchema.nullable(),
  clawbacks: z.array(
    z.object({
      id: z.string(),
      amountMinor: z.number().int(),
      recoveredMinor: z.number().int().nullable(),
      status: z.enum(['pending', 'done']),
      createdAt: isoDateSchema,
      completedAt: isoDateSchema.nullable(),
    }),
  ),
});
export type TrailReward = z.infer<typeof trailRewardSchema>;

export const referralTrailSchema = z.object({
  referral: z.object({
    id: z.string(),
    status: referralStatusSchema,
    source: z.string(),
    riskScore: z.number().int(),
    createdAt: isoDateSchema,
    updatedAt: isoDateSchema,
    firstArrivedAt: isoDateSchema,
    friendEmail: z.string().nullable(),
    advocate: personSchema.nullable(),
  }),
  order: z
    .object({
      orderId: z.string(),
      totalMinor: z.number().int().nullable(),
      subtotalMinor: z.number().int().nullable(),
      currency: z.string().nullable(),
      refundedMinor: z.number().int(),
      placedAt: isoDateSchema.nullable(),
      paidAt: isoDateSchema.nullable(),
      cancelledAt: isoDateSchema.nullable(),
    })
    .nullable(),
  attribution: z.object({
    credited: z.boolean(),
    rule: z.string(),
    decidedAt: isoDateSchema.nullable(),
    reasons: z.array(z.string()),
    signals: z.array(attributionSignalSchema),
  }),
  qualification: z.array(z.string()),
  findings: z.array(riskFindingSchema),
  transitions: z.array(trailTransitionSchema),
  /** False when some transition times are derived from the stored rows rather than recorded. */
  transitionsRecorded: z.boolean(),
  refunds: z.array(
    z.object({
      id: z.string(),
      amountMinor: z.number().int(),
      currency: z.string(),
      occurredAt: isoDateSchema,
    }),
  ),
  rewards: z.array(trailRewardSchema),
});
export type ReferralTrail = z.infer<typeof referralTrailSchema>;

/** GET /api/orders/:orderId/attribution: why an order was (or wasn't) credited. */
export const orderExplanationSchema = z.object({
  orderId: z.string(),
  credited: z.boolean(),
  decidedBy: z.string(),
  reasons: z.array(z.string()),
  signals: z.array(attributionSignalSchema),
  referral: z
    .object({
      id: z.string(),
      status: referralStatusSchema,
      advocateId: z.string(),
      source: z.string(),
      riskScore: z.number().int(),
      riskFindings: z.array(z.object({ rule: z.string(), score: z.number(), reason: z.string() })),
      qualification: z.array(z.string()),
    })
    .nullable(),
  rewards: z.array(
    z.object({
      id: z.string(),
      recipient: z.enum(['advocate', 'friend']),
      kind: z.enum(referralRewardKinds),
      status: z.string(),
      amountMinor: z.number().int(),
      reversedMinor: z.number().int(),
      currency: z.string(),
      holdUntil: isoDateSchema,
    }),
  ),
});
export type OrderExplanation = z.infer<typeof orderExplanationSchema>;

export const reviewQueueItemSchema = z.object({
  id: z.string(),
  status: referralStatusSchema,
  source: z.string(),
  riskScore: z.number().int(),
  createdAt: isoDateSchema,
  orderId: z.string(),
  totalMinor: z.number().int().nullable(),
  currency: z.string().nullable(),
  friendEmail: z.string().nullable(),
  advocate: personSchema.nullable(),
  qualification: z.array(z.string()),
  findings: z.array(riskFindingSchema),
});
export type ReviewQueueItem = z.infer<typeof reviewQueueItemSchema>;

export const reviewQueueResponseSchema = z.object({ referrals: z.array(reviewQueueItemSchema) });
export type ReviewQueueResponse = z.infer<typeof reviewQueueResponseSchema>;

export const reviewQueueCountResponseSchema = z.object({ count: z.number().int().min(0) });

export const reviewVerdicts = ['approve', 'reject'] as const;
export const reviewReferralBodySchema = z.object({
  verdict: z.enum(reviewVerdicts, { message: 'Choose approve or reject.' }),
  note: z
    .string({ message: 'Add a note saying why.' })
    .trim()
    .min(1, 'Add a note saying why.')
    .max(500, 'Keep the note under 500 characters.'),
});
export type ReviewReferralBody = z.infer<typeof reviewReferralBodySchema>;

export const reviewReferralResponseSchema = z.object({
  referral: z.object({ id: z.string(), status: referralStatusSchema }),
});
