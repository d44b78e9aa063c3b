// Worker -> core: turn one stored inbound event into engine changes, in one transaction with
// marking it processed, so a crash mid-way leaves it to be processed again from scratch.
import { attributeOrder, reattributeOrder } from '../attribution/index.js';
import { recordCheckoutVisitor } from '../checkout-visitors/index.js';
import type { EngineContext } from '../context.js';
import { resolveCustomer } from '../customers/index.js';
import { forMerchant, type MerchantScope } from '../db/merchant-scope.js';
import { isDomainError } from '../errors.js';
import { type DomainEvent, domainEventSchema, type OrderFacts } from '../events/index.js';
import { uninstallMerchant } from '../merchants/index.js';
import { recordOrder } from '../orders/index.js';
import { applyPrivacyRequest, purgeMerchant } from '../privacy/index.js';
import { reconcileOrderRewards } from '../rewards/index.js';
import {
  findOrderIdByPlatformId,
  type InboundRow,
  insertOrderRefund,
  lockInboundEvent,
  lockOrStubOrder,
  markInboundEventInvalid,
  markInboundEventProcessed,
  recordInboundEventFailure,
  recordOrderCancelled,
} from './repository.js';

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
  const m = forMerchant(ctx.db, input.merchantId);
  try {
    return await applyInTransaction(ctx, m, input.inboundEventId, mappers);
  } catch (error) {
    // The transaction rolled back; record what went wrong outside it so the row says why.
    // A domain error (other than RETRY_LATER) will fail the same way again: mark it failed.
    // A lone statement, not a confined transaction (no extra round trips per event): its filter
    // still keeps it to this merchant.
    const message = error instanceof Error ? error.message : String(error);
    const permanent = isDomainError(error) && error.code !== 'RETRY_LATER';
    await recordInboundEventFailure(m, input.inboundEventId, message, permanent).catch(() => {});
    throw error;
  }
}

async function applyInTransaction(
  ctx: EngineContext,
  scope: MerchantScope,
  inboundEventId: string,
  mappers: InboundMappers,
): Promise<ProcessResult> {
  return scope.transaction(async (m) => {
    const row = await lockInboundEvent(m, inboundEventId);
    if (!row) return { status: 'missing' };
    if (row.status !== 'received') return { status: 'duplicate' };
    let events: DomainEvent[];
    try {
      events = mapperFor(row, mappers)(row);
    } catch (error) {
      // Bad input: keep the stored payload, say why, never retry it blindly.
      const message = error instanceof Error ? error.message : String(error);
      await markInboundEventInvalid(m, row.id, message);
      return { status: 'invalid', error: message };
    }
    for (const event of events) await applyEvent(ctx, m, event);
    // A redaction request itself names the person: once done, keep no copy of it.
    const erases = events.some((e) => e.type === 'CustomerPrivacyRequest' && e.kind === 'customer_redact');
    await markInboundEventProcessed(m, row.id, erases);
    return { status: 'processed' };
  });
}

async function applyEvent(ctx: EngineContext, m: MerchantScope, event: DomainEvent): Promise<void> {
  const { db, merchantId } = m;
  switch (event.type) {
    case 'OrderPlaced':
      await recordOrder(db, merchantId, event, { paid: false, ipHashSalt: ctx.ipHashSalt });
      return;
    case 'OrderPaid':
      await onOrderPaid(ctx, m, event);
      return;
    case 'DealWon':
      await onOrderPaid(ctx, m, {
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
      await lockOrStubOrder(m, event.orderId);
      const inserted = await insertOrderRefund(m, {
        platformOrderId: event.orderId,
        platformRefundId: event.refundId,
        amountMinor: event.amountMinor,
        currency: event.currency,
        occurredAt: event.occurredAt,
      });
      if (inserted) await reconcileKnownOrder(ctx, m, event.orderId);
      return;
    }
    case 'OrderCancelled': {
      // A cancellation may beat its order here: keep it on a stub row the order fills in later.
      await recordOrderCancelled(m, event.orderId, event.occurredAt);
      await reconcileKnownOrder(ctx, m, event.orderId);
      return;
    }
    case 'CustomerCreated':
      await resolveCustomer(db, merchantId, {
        platformCustomerId: event.customer.id,
        email: event.customer.email,
        firstName: event.customer.firstName,
      });
      return;
    case 'CheckoutVisitorSeen': {
      // Lock (or create) the order row first, as a refund does: an order being recorded at the
      // same time waits for this join and then sees it, or this waits for its decision and then
      // decides it again with the new evidence.
      await lockOrStubOrder(m, event.orderId);
      const added = await recordCheckoutVisitor(db, { merchantId, ...event });
      if (added) {
        await reattributeOrder(ctx, db, {
          merchantId,
          platformOrderId: event.orderId,
          evidence: `web pixel visitor ${event.visitorId} for checkout ${event.checkoutToken}`,
        });
      }
      return;
    }
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

async function onOrderPaid(ctx: EngineContext, m: MerchantScope, facts: OrderFacts) {
  const order = await recordOrder(m.db, m.merchantId, facts, { paid: true, ipHashSalt: ctx.ipHashSalt });
  await attributeOrder(ctx, m.db, order);
}

async function reconcileKnownOrder(ctx: EngineContext, m: MerchantScope, platformOrderId: string) {
  const orderId = await findOrderIdByPlatformId(m, platformOrderId);
  if (orderId) await reconcileOrderRewards(ctx, m.db, m.merchantId, orderId);
}
