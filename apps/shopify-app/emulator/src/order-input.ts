// Turns the test-facing OrderInput (decimal strings, ISO times) into a stored Order. Bad input
// throws: it is a mistake in a test's setup, not something the app under test should see.
import {
  type Order,
  type OrderFinancialStatus,
  type OrderInput,
  type OrderRefund,
  toMinor,
  toStoredTime,
} from './model.js';

export type RefundInput = { id?: number; createdAt?: string; total: string };

function minorOf(amount: string, what: string): number {
  const minor = toMinor(amount);
  if (!Number.isInteger(minor) || minor < 0)
    throw new Error(`${what} must be a decimal string, got ${amount}`);
  return minor;
}

export function buildRefund(input: RefundInput, nextId: () => number, now: number): OrderRefund {
  const legacyId = input.id ?? nextId();
  return {
    id: `gid://shopify/Refund/${legacyId}`,
    legacyId,
    createdAt: input.createdAt ? toStoredTime(input.createdAt) : now,
    totalMinor: minorOf(input.total, 'Refund total'),
  };
}

/** What Shopify shows once refunds are in: refunded in full, in part, or as it was. */
export function statusAfterRefunds(order: Order): OrderFinancialStatus {
  const refunded = order.refunds.reduce((sum, r) => sum + r.totalMinor, 0);
  if (refunded === 0) return order.displayFinancialStatus;
  return refunded >= order.totalMinor ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
}

export type OrderContext = {
  nextId: () => number;
  now: number;
  /** Orders the shop already has, for the default name (#1001, #1002, ...). */
  count: number;
  customerId: string | null;
};

export function buildOrder(input: OrderInput, context: OrderContext): Order {
  const legacyId = input.id ?? context.nextId();
  const now = Math.floor(context.now / 1000) * 1000;
  const createdAt = input.createdAt ? toStoredTime(input.createdAt) : now;
  const refunds = (input.refunds ?? []).map((r) => buildRefund(r, context.nextId, createdAt));
  const cancelledAt = input.cancelledAt ? toStoredTime(input.cancelledAt) : null;
  // Unless given, the order was last updated by its latest event.
  const latest = Math.max(createdAt, cancelledAt ?? 0, ...refunds.map((r) => r.createdAt));
  const totalMinor = minorOf(input.totalPrice, 'totalPrice');
  const order: Order = {
    id: `gid://shopify/Order/${legacyId}`,
    legacyId,
    name: input.name ?? `#${1001 + context.count}`,
    email: input.email ?? input.customer?.email ?? null,
    createdAt,
    updatedAt: input.updatedAt ? toStoredTime(input.updatedAt) : latest,
    processedAt: input.processedAt ? toStoredTime(input.processedAt) : createdAt,
    cancelledAt,
    displayFinancialStatus: input.displayFinancialStatus ?? 'PAID',
    currencyCode: input.currencyCode ?? 'USD',
    totalMinor,
    subtotalMinor:
      input.subtotalPrice === undefined ? totalMinor : minorOf(input.subtotalPrice, 'subtotalPrice'),
    customerId: context.customerId,
    customAttributes: (input.customAttributes ?? []).map((a) => ({ key: a.key, value: a.value })),
    discountCodes: [...(input.discountCodes ?? [])],
    clientIp: input.clientIp ?? null,
    landingPageUrl: input.landingPageUrl ?? null,
    refunds,
  };
  if (!input.displayFinancialStatus) order.displayFinancialStatus = statusAfterRefunds(order);
  return order;
}
