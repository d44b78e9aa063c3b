// The programs routes' request and response schemas (shared by the Express routes and the admin).
// The rules mirror core's rule language (core/src/programs/rules.ts, reward-rules.ts): amounts in
// integer minor units of the shop's currency, percentages in basis points (1500 = 15 %). Core
// validates again when it publishes; these give the form the same answers before it sends.
import { z } from 'zod';
import { isoDateSchema } from './common.js';

const amountSchema = z.int('Enter a whole amount.').positive('Enter an amount above zero.');
/** 1 bp = 0.01 %; 10,000 bps = 100 %. */
const bpsSchema = z
  .int('Enter a percentage.')
  .min(1, 'Enter a percentage above zero.')
  .max(10_000, 'A percentage cannot be more than 100 %.');

const fixedOrPercent = <K extends string>(kind: K) =>
  z
    .object({ kind: z.literal(kind), amountMinor: amountSchema.optional(), bps: bpsSchema.optional() })
    .refine((spec) => (spec.amountMinor === undefined) !== (spec.bps === undefined), {
      message: 'Choose either a fixed amount or a percentage of the order.',
    });

export const programRewardKinds = [
  'percent_discount',
  'fixed_discount',
  'store_credit',
  'gift_card',
  'points',
] as const;
export type ProgramRewardKind = (typeof programRewardKinds)[number];

export const programRewardSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('percent_discount'), bps: bpsSchema }),
  z.object({ kind: z.literal('fixed_discount'), amountMinor: amountSchema }),
  fixedOrPercent('store_credit'),
  fixedOrPercent('gift_card'),
  z.object({
    kind: z.literal('points'),
    points: z.int('Enter whole points.').positive('Enter points above zero.'),
  }),
]);
export type ProgramRewardSpec = z.infer<typeof programRewardSpecSchema>;

const programCapSchema = z.object({
  count: z.int('Enter a whole number.').nonnegative('A limit cannot be negative.').optional(),
  amountMinor: z.int('Enter a whole amount.').nonnegative('A limit cannot be negative.').optional(),
});
export type ProgramCap = z.infer<typeof programCapSchema>;

export const programTierSchema = z.object({
  atReferral: z.int('Enter a whole number.').min(1, 'A tier starts at the first referral or later.'),
  bonus: programRewardSpecSchema,
});
export type ProgramTier = z.infer<typeof programTierSchema>;

export const programEligibilitySchema = z.object({
  newCustomersOnly: z.boolean(),
  minimumOrderMinor: z.int('Enter a whole amount.').min(0, 'A minimum order cannot be negative.'),
  attributionWindowDays: z
    .int('Enter a whole number of days.')
    .min(1, 'The window is at least 1 day.')
    .max(365, 'The window is at most 365 days.'),
  attributionModel: z.enum(['first_touch', 'last_touch']),
});
export type ProgramEligibility = z.infer<typeof programEligibilitySchema>;

export const programFraudRuleTypes = [
  'self_customer',
  'self_email',
  'self_address',
  'self_ip',
  'self_visitor',
  'disposable_email',
  'velocity',
] as const;
export type ProgramFraudRuleType = (typeof programFraudRuleTypes)[number];

const scoreSchema = z
  .number('Enter a score.')
  .min(0, 'A score is between 0 and 100.')
  .max(100, 'A score is between 0 and 100.');

/** Each fraud rule's own settings travel as they are (core checks them); the admin switches them. */
const fraudRuleSettingsSchema = z.looseObject({ enabled: z.boolean().optional() });

export const programFraudSchema = z
  .object({
    reviewAt: scoreSchema,
    rejectAt: scoreSchema,
    rules: z.partialRecord(z.enum(programFraudRuleTypes), fraudRuleSettingsSchema),
  })
  .refine((f) => f.reviewAt <= f.rejectAt, {
    message: 'The review score cannot be above the reject score.',
    path: ['reviewAt'],
  });
export type ProgramFraudSettings = z.infer<typeof programFraudSchema>;

export const programRulesSchema = z
  .object({
    advocateReward: programRewardSpecSchema.nullable(),
    friendReward: programRewardSpecSchema.nullable(),
    tiers: z
      .array(programTierSchema)
      .refine((tiers) => new Set(tiers.map((t) => t.atReferral)).size === tiers.length, {
        message: 'Each tier needs a different number of referrals.',
      }),
    eligibility: programEligibilitySchema,
    holdDays: z
      .int('Enter a whole number of days.')
      .min(0, 'Hold days cannot be negative.')
      .max(365, 'Hold for at most 365 days.'),
    caps: z.object({
      perAdvocatePerMonth: programCapSchema.optional(),
      lifetime: programCapSchema.optional(),
    }),
    fraud: programFraudSchema,
  })
  .refine((r) => r.advocateReward !== null || r.friendReward !== null, {
    message: 'Reward the advocate, the friend, or both.',
    path: ['advocateReward'],
  });
export type ProgramRules = z.infer<typeof programRulesSchema>;

export const programStatusSchema = z.enum(['active', 'paused', 'archived']);
export type ProgramStatus = z.infer<typeof programStatusSchema>;

export const programVersionSchema = z.object({
  id: z.string(),
  version: z.int(),
  rules: programRulesSchema,
  effectiveFrom: isoDateSchema,
  /** The staff member who published it (`staff:<id>`), or the system. */
  createdBy: z.string(),
  createdAt: isoDateSchema,
});
export type ProgramVersion = z.infer<typeof programVersionSchema>;

export const programSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  status: programStatusSchema,
  createdAt: isoDateSchema,
  /** The version in force now. */
  current: programVersionSchema,
  /** Published versions that take effect later, soonest first. */
  scheduled: z.array(programVersionSchema),
  latestVersion: z.int(),
});
export type ProgramSummary = z.infer<typeof programSummarySchema>;

// GET /api/programs
export const listProgramsResponseSchema = z.object({ programs: z.array(programSummarySchema) });
export type ListProgramsResponse = z.infer<typeof listProgramsResponseSchema>;

// GET /api/programs/:programId
export const programDetailSchema = programSummarySchema.extend({
  /** Every version, newest first. */
  versions: z.array(programVersionSchema),
});
export type ProgramDetail = z.infer<typeof programDetailSchema>;
export const getProgramResponseSchema = z.object({ program: programDetailSchema });

/** When a new version applies: now (omitted or null) or a later moment (advocates hear first). */
const effectiveFromSchema = isoDateSchema
  .refine((iso) => Date.parse(iso) >= Date.now() - 5 * 60_000, {
    message: 'Choose a date from today onwards.',
  })
  .nullable()
  .optional();

// POST /api/programs
export const createProgramRequestSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Give the programme a name.')
    .max(100, 'Keep the name under 100 characters.'),
  rules: programRulesSchema,
  effectiveFrom: effectiveFromSchema,
});
export type CreateProgramRequest = z.infer<typeof createProgramRequestSchema>;
export const createProgramResponseSchema = z.object({ programId: z.string(), versionId: z.string() });

// POST /api/programs/:programId/versions
export const publishVersionRequestSchema = z.object({
  rules: programRulesSchema,
  effectiveFrom: effectiveFromSchema,
});
export type PublishVersionRequest = z.infer<typeof publishVersionRequestSchema>;
export const publishVersionResponseSchema = z.object({ versionId: z.string(), version: z.int() });

// POST /api/programs/:programId/status
export const setProgramStatusRequestSchema = z.object({ status: z.enum(['active', 'paused']) });
export type SetProgramStatusRequest = z.infer<typeof setProgramStatusRequestSchema>;
export const setProgramStatusResponseSchema = z.object({
  programId: z.string(),
  status: z.enum(['active', 'paused']),
});
