// Worker -> core: turn one stored inbound event into engine changes, in one transaction with
// marking it processed, so a crash mid-way leaves it to be processed again from scratch.
import { and, eq, sql } from 'drizzle-orm';
import { attributeOrder } from '../attribution/index.js';
import type { EngineContext } from '../context.js';
import { resolveCustomer } from '../customers/index.js';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { inboundEvents, orderRefunds, orders } from '../db/schema/index.js';
import { byId } from '../db/scoped.js';
import { isDomainError } from '../errors.js';
import { type DomainEvent, domainEventSchema, type OrderFacts } from '../events/index.js';
import { uninstallMerchant } from '../merchants/index.js';
import { recordOrder } from '../orders/index.js';
import { applyPrivacyRequest, purgeMerchant } from '../privacy/index.js';
import { reconcileOrderRewards } from '../rewards/index.js';

type InboundRow = typeof inboundEvents.$inferSelect;

/** Maps a stored platform payload onto engine events (the apps provide one per platform). */
export type InboundMapper = (row: InboundRow) => DomainEvent[];

export const internalMapper: InboundMapper = (row) => [domainEventSchema.parse(row.payload)];

/** One mapper per platform; `internal` (engine events stored as they are) is always there. */
export type InboundMappers = Partial<Record<InboundRow['platform'], InboundMapper>>;

function mapperFor(row: InboundRow, mappers: InboundMappers): InboundMapper {
  const mapper = { internal: internalMapper, ...mappers }[row.platform];
  if (!mapper) throw new Error(`No mapper is configured for ${row.platform} events.`);
  return mapper;
}

export type ProcessResult = { status: 'processed' | 'duplicate' | 'invalid' | 'missing'; error?: string };

export async function processInboundEvent(
  ctx: EngineContext,
  input: { merchantId: string; inboundEventId: string },
  mappers: InboundMappers = {},
): Promise<ProcessResult> {
  try {
    return await applyInTransaction(ctx, input, mappers);
  } catch (error) {
    // The transaction rolled back; record what went wrong outside it so the row says why.
    // A domain error (other than RETRY_LATER) will fail the same way again: mark it failed.
    const message = error instanceof Error ? error.message : String(error);
    const permanent = isDomainError(error) && error.code !== 'RETRY_LATER';
    await ctx.db
      .update(inboundEvents)
      .set({
        ...(permanent ? { status: 'failed' as const } : {}),
        error: message.slice(0, 2000),
        attempts: sql`${inboundEvents.attempts} + 1`,
      })
      .where(
        and(
          byId(inboundEvents, input.merchantId, input.inboundEventId),
          eq(inboundEvents.status, 'received'),
        ),
      )
      .catch(() => {});
    throw error;
  }
}

async function applyInTransaction(
  ctx: EngineContext,
  input: { merchantId: string; inboundEventId: string },
  mappers: InboundMappers,
): Promise<ProcessResult> {
  return forMerchant(ctx.db, input.merchantId).transaction(async ({ db }) => {
    const [row] = await db
      .select()
      .from(inboundEvents)
      .where(and(eq(inboundEvents.merchantId, input.merchantId), eq(inboundEvents.id, input.inboundEventId)))
      .for('update');
    if (!row) return { status: 'missing' };
    if (row.status !== 'received') return { status: 'duplicate' };
    let events: DomainEvent[];
    try {
      events = mapperFor(row, mappers)(row);
    } catch (error) {
      // Bad input: keep the stored payload, say why, never retry it blindly.
      const message = error instanceof Error ? error.message : String(error);
      await db
        .update(inboundEvents)
        .set({
          status: 'failed',
          error: message.slice(0, 2000),
          attempts: sql`${inboundEvents.attempts} + 1`,
        })
        .where(byId(inboundEvents, row.merchantId, row.id));
      return { status: 'invalid', error: message };
    }
    for (const event of events) await applyEvent(ctx, db, row.merchantId, event);
    // A redaction request itself names the person: once done, keep no copy of it.
    const erases = events.some((e) => e.type === 'CustomerPrivacyRequest' && e.kind === 'customer_redact');
    await db
      .update(inboundEvents)
      .set({
        status: 'processed',
        processedAt: sql`now()`,
        attempts: sql`${inboundEvents.attempts} + 1`,
        ...(erases ? { payload: { redacted: true, redactedAt: new Date().toISOString() } } : {}),
      })
      .where(byId(inboundEvents, row.merchantId, row.id));
    return { status: 'processed' };
  });
}

async function applyEvent(
  ctx: EngineContext,
  db: Database,
  merchantId: string,
  event: DomainEvent,
): Promise<void> {
  switch (event.type) {
    case 'OrderPlaced':
      await recordOrder(db, merchantId, event, { paid: false, ipHashSalt: ctx.ipHashSalt });
      return;
    case 'OrderPaid':
      await onOrderPaid(ctx, db, merchantId, event);
      return;
    case 'DealWon':
      await onOrderPaid(ctx, db, merchantId, {
        orderId: `hubspot-deal:${event.dealId}`,
        occurredAt: event.occurredAt,
        customer: { email: event.contactEmails[0] ?? null },
        totalMinor: event.amountMinor,
        subtotalMinor: event.amountMinor,
        currency: event.currency,
        discountCodes: [],
        referralCode: event.referralCode ?? null,
      });
      return;
    case 'OrderRefunded': {
      // Lock (or create) the order row first: a refund racing its order's first recording then
      // waits for it, and whichever commits second sees the other and reconciles.
      await lockOrStubOrder(db, merchantId, event.orderId);
      const inserted = await db
        .insert(orderRefunds)
        .values({
          merchantId,
          platformOrderId: event.orderId,
          platformRefundId: event.refundId,
          amountMinor: event.amountMinor,
          currency: event.currency,
          occurredAt: event.occurredAt,
        })
        .onConflictDoNothing()
        .returning({ id: orderRefunds.id });
      if (inserted.length > 0) await reconcileKnownOrder(ctx, db, merchantId, event.orderId);
      return;
    }
    case 'OrderCancelled': {
      // A cancellation may beat its order here: keep it on a stub row the order fills in later.
      await db
        .insert(orders)
        .values({ merchantId, platformOrderId: event.orderId, cancelledAt: event.occurredAt })
        .onConflictDoUpdate({
          target: [orders.merchantId, orders.platformOrderId],
          set: { cancelledAt: sql`coalesce(${orders.cancelledAt}, excluded.cancelled_at)` },
        });
      await reconcileKnownOrder(ctx, db, merchantId, event.orderId);
      return;
    }
    case 'CustomerCreated':
      await resolveCustomer(db, merchantId, {
        platformCustomerId: event.customer.id,
        email: event.customer.email,
        firstName: event.customer.firstName,
      });
      return;
    case 'AppUninstalled':
      await uninstallMerchant(db, merchantId, 'shopify', event.occurredAt);
      return;
    case 'CustomerPrivacyRequest':
      await applyPrivacyRequest(db, merchantId, event);
      return;
    case 'MerchantRedact':
      // Everything goes, this inbox row included: marking it processed afterwards updates nothing.
      await purgeMerchant(db, merchantId);
      return;
    default: {
      const unhandled: never = event;
      throw new Error(`Unhandled event ${JSON.stringify(unhandled)}`);
    }
  }
}

async function onOrderPaid(ctx: EngineContext, db: Database, merchantId: string, facts: OrderFacts) {
  const order = await recordOrder(db, merchantId, facts, { paid: true, ipHashSalt: ctx.ipHashSalt });
  await attributeOrder(ctx, db, order);
}

/** Upserts an empty order row (filled in when the order arrives) and holds its row lock. */
async function lockOrStubOrder(db: Database, merchantId: string, platformOrderId: string) {
  await db
    .insert(orders)
    .values({ merchantId, platformOrderId })
    .onConflictDoUpdate({ target: [orders.merchantId, orders.platformOrderId], set: { platformOrderId } });
}

async function reconcileKnownOrder(
  ctx: EngineContext,
  db: Database,
  merchantId: string,
  platformOrderId: string,
) {
  const [order] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.merchantId, merchantId), eq(orders.platformOrderId, platformOrderId)));
  if (order) await reconcileOrderRewards(ctx, db, merchantId, order.id);
}
