// How many referrals wait for a person's verdict (the navigation's badge).
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { countReferralsInStatus } from './repository.js';

export async function countReviewQueue(db: Database, merchantId: string): Promise<number> {
  return forMerchant(db, merchantId).transaction((m) => countReferralsInStatus(m, 'review'));
}
