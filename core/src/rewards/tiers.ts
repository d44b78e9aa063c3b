import type { Tier } from '../programs/index.js';

/** The tier whose bonus is earned by exactly this successful referral, or null. */
export function tierBonusFor(tiers: readonly Tier[], successfulReferralCount: number): Tier | null {
  return tiers.find((tier) => tier.atReferral === successfulReferralCount) ?? null;
}
