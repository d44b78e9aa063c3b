// The admin's referral list: the merchant's latest referrals, newest first, with the platform id
// of the order each one came from.
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { listLatestReferrals } from './repository.js';

export async function listRecentReferrals(db: Database, merchantId: string, limit: number) {
  return forMerchant(db, merchantId).transaction((m) => listLatestReferrals(m, limit));
}

export type RecentReferral = Awaited<ReturnType<typeof listRecentReferrals>>[number];
