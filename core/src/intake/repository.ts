// Queries of the inbox (inbound_events), plus the few order-row writes that applying an inbound
// event needs before orders/ takes over (orders and order_refunds belong to orders/).
import { eq, sql } from 'drizzle-orm';
import type { MerchantScope } from '../db/merchant-scope.js';
import { inboundEvents, orderRefunds, orders } from '../db/schema/index.js';

export type InboundRow = typeof inboundEvents.$inferSelect;
export type NewInboundEvent = Omit<typeof inboundEvents.$inferInsert, 'merchantId'>;

/** Stores the event once (unique on the platform's event id): null when it was already stored. */
export async function insertInboundEvent(m: MerchantScope, values: NewInboundEvent): Promise<string | null> {
  const [row] = await m.db
    .insert(inboundEvents)
    .values({ ...values, merchantId: m.merchantId })
    .onConflictDoNothing()
    .returning({ id: inboundEvents.id });
  return row?.id ?? null;
}

export async function findInboundEventRow(
  m: MerchantScope,
  inboundEventId: string,
): Promise<InboundRow | null> {
  const [row] = await m.db.select().from(inboundEvents).where(m.byId(inboundEvents, inboundEventId));
  return row ?? null;
}

/** The event, locked until the transaction ends: one worker applies it at a time. */
export async function lockInboundEvent(m: MerchantScope, inboundEventId: string): Promise<InboundRow | null> {
  const [row] = await m.db
    .select()
    .from(inboundEvents)
    .where(m.byId(inboundEvents, inboundEventId))
    .for('update');
  return row ?? null;
}

/** Rows stored, and distinct external (delivery) ids among them. */
export async function countInboundEventRows(
  m: MerchantScope,
): Promise<{ total: number; distinctExternalIds: number }> {
  const [row] = await m.db
    .select({ n: sql<number>`count(*)::int`, distinct: sql<number>`count(DISTINCT external_id)::int` })
    .from(inboundEvents)
    .where(m.where(inboundEvents));
  return { total: row?.n ?? 0, distinctExternalIds: row?.distinct ?? 0 };
}

const attempted = () => sql`${inboundEvents.attempts} + 1`;
const truncated = (message: string) => message.slice(0, 2000);

/** A payload the mapper refused: kept as stored, marked failed with the reason. */
export async function markInboundEventInvalid(m: MerchantScope, inboundEventId: string, message: string) {
  await m.db
    .update(inboundEvents)
    .set({ status: 'failed', error: truncated(message), attempts: attempted() })
    .where(m.byId(inboundEvents, inboundEventId));
}

/** Applied; `erase` replaces the payload (a redaction request names the person it is about). */
export async function markInboundEventProcessed(m: MerchantScope, inboundEventId: string, erase: boolean) {
  await m.db
    .update(inboundEvents)
    .set({
      status: 'processed',
      processedAt: sql`now()`,
      attempts: attempted(),
      ...(erase ? { payload: { redacted: true, redactedAt: new Date().toISOString() } } : {}),
    })
    .where(m.byId(inboundEvents, inboundEventId));
}

/** A failed attempt on a still-received event; `permanent` marks it failed for good. */
export async function recordInboundEventFailure(
  m: MerchantScope,
  inboundEventId: string,
  message: string,
  permanent: boolean,
) {
  await m.db
    .update(inboundEvents)
    .set({
      ...(permanent ? { status: 'failed' as const } : {}),
      error: truncated(message),
      attempts: attempted(),
    })
    .where(
      m.where(inboundEvents, eq(inboundEvents.id, inboundEventId), eq(inboundEvents.status, 'received')),
    );
}

/** Upserts an empty order row (filled in when the order arrives) and holds its row lock. Owner: orders/. */
export async function lockOrStubOrder(m: MerchantScope, platformOrderId: string) {
  await m.db
    .insert(orders)
    .values({ merchantId: m.merchantId, platformOrderId })
    .onConflictDoUpdate({ target: [orders.merchantId, orders.platformOrderId], set: { platformOrderId } });
}

/** Keeps a cancellation on the order row, or on a stub the order fills in later. Owner: orders/. */
export async function recordOrderCancelled(m: MerchantScope, platformOrderId: string, at: Date) {
  await m.db
    .insert(orders)
    .values({ merchantId: m.merchantId, platformOrderId, cancelledAt: at })
    .onConflictDoUpdate({
      target: [orders.merchantId, orders.platformOrderId],
      set: { cancelledAt: sql`coalesce(${orders.cancelledAt}, excluded.cancelled_at)` },
    });
}

/** Stores a refund once (unique on the platform's refund id): false when already stored. Owner: orders/. */
export async function insertOrderRefund(
  m: MerchantScope,
  values: Omit<typeof orderRefunds.$inferInsert, 'merchantId'>,
): Promise<boolean> {
  const inserted = await m.db
    .insert(orderRefunds)
    .values({ ...values, merchantId: m.merchantId })
    .onConflictDoNothing()
    .returning({ id: orderRefunds.id });
  return inserted.length > 0;
}

/** The order row's id by the platform's order id. Owner: orders/. */
export async function findOrderIdByPlatformId(
  m: MerchantScope,
  platformOrderId: string,
): Promise<string | null> {
  const [order] = await m.db
    .select({ id: orders.id })
    .from(orders)
    .where(m.where(orders, eq(orders.platformOrderId, platformOrderId)));
  return order?.id ?? null;
}
