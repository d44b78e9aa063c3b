import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { listRewardOrderIds } from './repository.js';

/** Every reward of the merchant with the platform id of the order its referral came from. */
export async function listRewardOrders(
  db: Database,
  merchantId: string,
): Promise<{ rewardId: string; orderId: string }[]> {
  return forMerchant(db, merchantId).transaction((m) => listRewardOrderIds(m));
}
