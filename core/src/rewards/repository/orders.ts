// Queries of the rewards lifecycle on the orders capability's tables (orders, order_refunds):
// they stay here, where the reconciliation that needs them lives.
import { eq, sql } from 'drizzle-orm';
import type { MerchantScope } from '../../db/merchant-scope.js';
import { orderRefunds, orders } from '../../db/schema/index.js';

/** The order, locked until the transaction ends: reconciliations of one order run one at a time. */
export async function findOrderForUpdate(m: MerchantScope, orderId: string) {
  const [row] = await m.db.select().from(orders).where(m.byId(orders, orderId)).for('update');
  return row;
}

/** Everything refunded on the order so far (refunds are keyed by the platform's order id). */
export async function sumOrderRefunds(m: MerchantScope, platformOrderId: string): Promise<number> {
  const [row] = await m.db
    .select({ sum: sql<string>`coalesce(sum(${orderRefunds.amountMinor}), 0)` })
    .from(orderRefunds)
    .where(m.where(orderRefunds, eq(orderRefunds.platformOrderId, platformOrderId)));
  return Number(row?.sum ?? 0);
}

export async function hasOrderRefunds(m: MerchantScope, platformOrderId: string): Promise<boolean> {
  const [row] = await m.db
    .select({ id: orderRefunds.id })
    .from(orderRefunds)
    .where(m.where(orderRefunds, eq(orderRefunds.platformOrderId, platformOrderId)))
    .limit(1);
  return !!row;
}

export async function setOrderRefunded(
  m: MerchantScope,
  orderId: string,
  refundedMinor: number,
): Promise<void> {
  await m.db.update(orders).set({ refundedMinor }).where(m.byId(orders, orderId));
}
