// What a platform notification needs to say about a referral or a reward (e.g. a Shopify Flow
// trigger that lets a merchant email the advocate): plain facts, loaded by id within a merchant.
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import type { ReferralConvertedNotice, RewardIssuedNotice } from '../ports.js';
import { findReferralConvertedFacts, findRewardIssuedFacts } from './repository.js';

export async function loadReferralConvertedNotice(
  db: Database,
  merchantId: string,
  referralId: string,
): Promise<ReferralConvertedNotice | null> {
  const row = await forMerchant(db, merchantId).transaction((m) => findReferralConvertedFacts(m, referralId));
  return row ? { merchantId, referralId, ...row } : null;
}

export async function loadRewardIssuedNotice(
  db: Database,
  merchantId: string,
  rewardId: string,
): Promise<RewardIssuedNotice | null> {
  const row = await forMerchant(db, merchantId).transaction((m) => findRewardIssuedFacts(m, rewardId));
  if (!row) return null;
  const { fallbackAmountMinor, amountMinor, ...rest } = row;
  return { merchantId, rewardId, ...rest, amountMinor: amountMinor ?? fallbackAmountMinor };
}
