import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { orders, referrals, rewards } from '../db/schema/index.js';

/** Every reward of the merchant with the platform id of the order its referral came from. */
export async function listRewardOrders(
  db: Database,
  merchantId: string,
): Promise<{ rewardId: string; orderId: string }[]> {
  return db
    .select({ rewardId: rewards.id, orderId: orders.platformOrderId })
    .from(rewards)
    .innerJoin(referrals, eq(referrals.id, rewards.referralId))
    .innerJoin(orders, eq(orders.id, referrals.orderId))
    .where(eq(rewards.merchantId, merchantId));
}
