// The advocates routes' request and response schemas (shared by the Express routes and the admin).
// Money is in integer minor units; the list's money columns are in the shop's `currency`.
import { z } from 'zod';
import { isoDateSchema, moneySchema, pageQuerySchema } from './common.js';

export const advocateSortKeys = ['newest', 'referrals', 'revenue', 'score'] as const;
export type AdvocateSortKey = (typeof advocateSortKeys)[number];

const advocateStatusSchema = z.enum(['active', 'suspended']);
export type AdvocateStatus = z.infer<typeof advocateStatusSchema>;

/** GET /api/advocates?search=&sort=&limit=&cursor= */
export const listAdvocatesQuerySchema = pageQuerySchema.extend({
  search: z.string().trim().max(200, 'Search for at most 200 characters.').optional(),
  sort: z.enum(advocateSortKeys).default('newest'),
});
export type ListAdvocatesQuery = z.input<typeof listAdvocatesQuerySchema>;

export const advocateListItemSchema = z.object({
  id: z.string(),
  status: advocateStatusSchema,
  createdAt: isoDateSchema,
  email: z.string().nullable(),
  firstName: z.string().nullable(),
  /** The customer asked to be forgotten: no name or email is kept. */
  redacted: z.boolean(),
  /** The code the link carries; null when every code is disabled. */
  code: z.string().nullable(),
  successfulReferrals: z.number().int(),
  referredRevenueMinor: z.number().int(),
  rewardCount: z.number().int(),
  rewardValueMinor: z.number().int(),
  /** held + payable − owed: negative when the advocate owes more than they have coming. */
  balanceMinor: z.number().int(),
  owedMinor: z.number().int(),
  score: z.number().int(),
});
export type AdvocateListItem = z.infer<typeof advocateListItemSchema>;

export const listAdvocatesResponseSchema = z.object({
  currency: z.string(),
  advocates: z.array(advocateListItemSchema),
  total: z.number().int(),
  nextCursor: z.string().nullable(),
  previousCursor: z.string().nullable(),
});
export type ListAdvocatesResponse = z.infer<typeof listAdvocatesResponseSchema>;

export const advocateCodeSchema = z.object({
  code: z.string(),
  kind: z.enum(['generated', 'vanity', 'friend_offer']),
  status: z.enum(['active', 'disabled']),
  createdAt: isoDateSchema,
});

export const scoreComponentSchema = z.object({
  key: z.enum(['referrals', 'revenue', 'conversion', 'recency', 'fraud']),
  label: z.string(),
  points: z.number().int(),
  max: z.number().int(),
  detail: z.string(),
});

export const advocateBalanceSchema = z.object({
  currency: z.string(),
  heldMinor: z.number().int(),
  payableMinor: z.number().int(),
  issuedMinor: z.number().int(),
  owedMinor: z.number().int(),
  balanceMinor: z.number().int(),
});
export type AdvocateBalance = z.infer<typeof advocateBalanceSchema>;

export const advocateReferralStatuses = [
  'pending',
  'qualified',
  'review',
  'approved',
  'rewarded',
  'rejected',
  'reversed',
] as const;
export const advocateRewardStatuses = [
  'held',
  'released',
  'issued',
  'voided',
  'reversed',
  'rejected',
] as const;
export const advocateRewardKinds = [
  'percent_discount',
  'fixed_discount',
  'store_credit',
  'gift_card',
  'points',
] as const;

export const advocateDetailSchema = z.object({
  currency: z.string(),
  advocate: z.object({
    id: z.string(),
    status: advocateStatusSchema,
    consentAt: isoDateSchema,
    createdAt: isoDateSchema,
    program: z.object({ id: z.string(), name: z.string() }),
    email: z.string().nullable(),
    firstName: z.string().nullable(),
    redacted: z.boolean(),
  }),
  /** Oldest first, disabled ones included. */
  codes: z.array(advocateCodeSchema),
  linkCode: z.string().nullable(),
  /** `<app>/r/<code>?shop=<shop>`; null when there is no active code. */
  link: z.string().nullable(),
  score: z.object({
    score: z.number().int(),
    formulaVersion: z.string(),
    components: z.array(scoreComponentSchema),
    computedAt: isoDateSchema,
  }),
  referrals: z.array(
    z.object({
      id: z.string(),
      status: z.enum(advocateReferralStatuses),
      source: z.string(),
      createdAt: isoDateSchema,
      friend: z.string().nullable(),
      orderName: z.string(),
      order: moneySchema.nullable(),
    }),
  ),
  rewards: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(advocateRewardKinds),
      status: z.enum(advocateRewardStatuses),
      amountMinor: z.number().int(),
      grantedMinor: z.number().int(),
      currency: z.string(),
      bps: z.number().int().nullable(),
      holdUntil: isoDateSchema,
      issuedAt: isoDateSchema.nullable(),
      createdAt: isoDateSchema,
    }),
  ),
  balances: z.array(advocateBalanceSchema),
});
export type AdvocateDetail = z.infer<typeof advocateDetailSchema>;

/** GET /api/advocates/:advocateId */
export const getAdvocateResponseSchema = z.object({ advocate: advocateDetailSchema });

/** POST /api/advocates: enrol a customer by email into the active programme. */
export const enrollAdvocateRequestSchema = z.object({
  email: z.string().trim().email('Enter an email address like name@example.com.').max(254),
  firstName: z.string().trim().max(100, 'Use at most 100 characters.').optional(),
});
export type EnrollAdvocateRequest = z.input<typeof enrollAdvocateRequestSchema>;
export const enrollAdvocateResponseSchema = z.object({
  advocateId: z.string(),
  code: z.string().nullable(),
  /** False when the customer already was an advocate (nothing changed). */
  created: z.boolean(),
});

/** POST /api/advocates/:advocateId/code/disable and /code/rotate: the code shown to the marketer. */
export const codeActionRequestSchema = z.object({
  code: z.string().trim().min(1, 'Choose a code.').max(64),
});
export const disableCodeResponseSchema = z.object({ code: z.string(), status: z.literal('disabled') });
export const rotateCodeResponseSchema = z.object({ previousCode: z.string(), code: z.string() });

/** POST /api/advocates/:advocateId/status */
export const setAdvocateStatusRequestSchema = z.object({ status: advocateStatusSchema });
export const setAdvocateStatusResponseSchema = z.object({
  advocateId: z.string(),
  status: advocateStatusSchema,
});
