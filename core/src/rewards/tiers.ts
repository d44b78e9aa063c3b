import { z } from 'zod';
import { rewardSpecSchema } from './calculate-reward.js';

/** An extra reward at an advocate's Nth successful referral. */
export const tierSchema = z.object({ atReferral: z.int().min(1), bonus: rewardSpecSchema });
export type Tier = z.infer<typeof tierSchema>;

/** A program's tiers; two bonuses at the same count would be ambiguous. */
export const tiersSchema = z
  .array(tierSchema)
  .refine((tiers) => new Set(tiers.map((t) => t.atReferral)).size === tiers.length, {
    message: 'Each tier needs a different atReferral',
  });

/** The tier whose bonus is earned by exactly this successful referral, or null. */
export function tierBonusFor(tiers: readonly Tier[], successfulReferralCount: number): Tier | null {
  return tiers.find((tier) => tier.atReferral === successfulReferralCount) ?? null;
}
