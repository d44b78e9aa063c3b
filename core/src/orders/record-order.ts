import { hashIp } from '../crypto/secrets.js';
import { resolveCustomer } from '../customers/index.js';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import type { OrderFacts } from '../events/index.js';
import { normalizeAddress, normalizeEmail } from '../identity/index.js';
import type { OrderSignals } from './order-signals.js';
import { findOrderForUpdate, type OrderRow, upsertOrder } from './repository.js';

export type { OrderRow } from './repository.js';

/** Upserts the order facts we need for attribution and cohorts; `paid` stamps paid_at once. */
export async function recordOrder(
  db: Database,
  merchantId: string,
  facts: OrderFacts,
  options: { paid: boolean; ipHashSalt: string },
): Promise<OrderRow> {
  // Runs inside process-inbound's transaction: the scope builds filters and opens nothing.
  const m = forMerchant(db, merchantId);
  const customer = await resolveCustomer(db, merchantId, {
    platformCustomerId: facts.customer.id,
    email: facts.customer.email,
    firstName: facts.customer.firstName,
  });
  const signals: OrderSignals = {
    referralCode: facts.referralCode ?? null,
    discountCodes: facts.discountCodes,
    visitorId: facts.visitorId ?? null,
    checkoutToken: facts.checkoutToken ?? null,
    ipHash: hashIp(options.ipHashSalt, facts.ipAddress),
    addressKey: facts.shippingAddress ? normalizeAddress(facts.shippingAddress) : null,
    landingUrl: facts.landingUrl ?? null,
    previousOrders: facts.customer.previousOrders ?? null,
    subtotalBeforeDiscountsMinor: facts.subtotalBeforeDiscountsMinor ?? null,
    cartTouches: (facts.cartTouches ?? []).map((t) => ({
      code: t.code,
      firstSeenAt: t.firstSeenAt.toISOString(),
      lastSeenAt: t.lastSeenAt.toISOString(),
    })),
    cartTouchesNote: facts.cartTouchesNote ?? null,
  };
  return upsertOrder(m, {
    platformOrderId: facts.orderId,
    customerId: customer?.id ?? null,
    // A checkout without an email still matches invitations through the customer we know.
    emailNormalized:
      (facts.customer.email ? normalizeEmail(facts.customer.email) : null) ??
      customer?.emailNormalized ??
      null,
    totalMinor: facts.totalMinor,
    subtotalMinor: facts.subtotalMinor,
    currency: facts.currency,
    signals,
    placedAt: facts.occurredAt,
    paidAt: options.paid ? facts.occurredAt : null,
  });
}

export async function findOrder(db: Database, merchantId: string, platformOrderId: string) {
  return findOrderForUpdate(forMerchant(db, merchantId), platformOrderId);
}
