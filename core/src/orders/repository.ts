// Queries on orders, through the merchant-scoped handle: every one stays inside the merchant.
import { eq, sql } from 'drizzle-orm';
import type { MerchantScope } from '../db/merchant-scope.js';
import { orders, referrals, rewards } from '../db/schema/index.js';

export type OrderRow = typeof orders.$inferSelect;
/** An order's facts as recordOrder gathers them; the merchant comes from the scope. */
export type OrderValues = Omit<typeof orders.$inferInsert, 'merchantId'>;

/**
 * Inserts the order or refreshes its facts: identity and placed/paid stamps are kept once known,
 * the amounts and signals follow the latest event.
 */
export async function upsertOrder(m: MerchantScope, values: OrderValues): Promise<OrderRow> {
  const [row] = await m.db
    .insert(orders)
    .values({ ...values, merchantId: m.merchantId })
    .onConflictDoUpdate({
      target: [orders.merchantId, orders.platformOrderId],
      set: {
        customerId: sql`coalesce(${orders.customerId}, excluded.customer_id)`,
        emailNormalized: sql`coalesce(${orders.emailNormalized}, excluded.email_normalized)`,
        totalMinor: sql`excluded.total_minor`,
        subtotalMinor: sql`excluded.subtotal_minor`,
        currency: sql`excluded.currency`,
        signals: sql`excluded.signals`,
        placedAt: sql`coalesce(${orders.placedAt}, excluded.placed_at)`,
        paidAt: sql`coalesce(${orders.paidAt}, excluded.paid_at)`,
      },
    })
    .returning();
  return row!;
}

export async function findOrderForUpdate(m: MerchantScope, platformOrderId: string) {
  const [row] = await m.db
    .select()
    .from(orders)
    .where(m.where(orders, eq(orders.platformOrderId, platformOrderId)))
    .for('update');
  return row ?? null;
}

/** Each reward with the platform id of its referral's order (rewards and referrals own those tables). */
export async function listRewardOrderIds(m: MerchantScope): Promise<{ rewardId: string; orderId: string }[]> {
  return m.db
    .select({ rewardId: rewards.id, orderId: orders.platformOrderId })
    .from(rewards)
    .innerJoin(referrals, m.joinOn(referrals, rewards.referralId))
    .innerJoin(orders, m.joinOn(orders, referrals.orderId))
    .where(m.where(rewards));
}
