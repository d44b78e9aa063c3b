// Program rules: validated by zod, stored as immutable versions (program_versions.rules).
import { z } from 'zod';
import { fraudSettingsSchema } from '../fraud/index.js';
import { capsSchema, rewardSpecSchema, tierSchema } from './reward-rules.js';

export const eligibilitySchema = z.object({
  newCustomersOnly: z.boolean().default(true),
  minimumOrderMinor: z.number().int().min(0).default(0),
  attributionWindowDays: z.number().int().min(1).max(365).default(30),
  attributionModel: z.enum(['first_touch', 'last_touch']).default('last_touch'),
});

export const programRulesSchema = z
  .object({
    /** What the advocate earns per successful referral; null for a friend-only program. */
    advocateReward: rewardSpecSchema.nullable(),
    /** What the friend gets; a discount is handed out before purchase, other kinds after it. */
    friendReward: rewardSpecSchema.nullable(),
    tiers: z.array(tierSchema).default([]),
    eligibility: eligibilitySchema.default(eligibilitySchema.parse({})),
    holdDays: z.number().int().min(0).max(365).default(14),
    caps: capsSchema.default({}),
    fraud: fraudSettingsSchema.default(fraudSettingsSchema.parse({})),
  })
  .refine((r) => r.advocateReward !== null || r.friendReward !== null, {
    message: 'A program rewards the advocate, the friend, or both.',
  });

export type ProgramRules = z.infer<typeof programRulesSchema>;
export type ProgramRulesInput = z.input<typeof programRulesSchema>;
