// An Admin GraphQL order -> the engine events its webhooks would have produced. The facts must
// equal the webhook mapper's (webhooks/map-to-events.ts) for the same order: the same numeric ids
// (orders/refunds webhooks carry legacy REST ids), the same signals, the same minor units. Pure.
import { type DomainEvent, decimalToMinor, type OrderFacts } from '@referrals/core';
import { parseCartTouches } from '../webhooks/cart-touches.js';
import {
  REFERRAL_CODE_ATTRIBUTE,
  REFERRAL_TOUCHES_ATTRIBUTE,
  VISITOR_ID_ATTRIBUTE,
} from '../webhooks/payloads.js';
import type { ReconcileOrder } from './order-node.js';

/** Statuses of an order whose money was taken (orders/paid has fired), refunds or not. */
const PAID_STATUSES = new Set(['PAID', 'PARTIALLY_REFUNDED', 'REFUNDED']);

/** gid://shopify/Customer/123 -> "123", the id REST payloads (and so webhooks) use. */
export function legacyIdOf(gid: string): string {
  const match = /\/(\d+)(?:\?.*)?$/.exec(gid);
  if (!match?.[1]) throw new Error(`Not a Shopify global id: ${gid}`);
  return match[1];
}

function orderFacts(order: ReconcileOrder): OrderFacts {
  const attribute = (key: string) => {
    const value = order.customAttributes.find((a) => a.key === key)?.value;
    return value === undefined || value === null || value === '' ? null : value;
  };
  const total = order.totalPriceSet.shopMoney;
  const subtotal = order.subtotalPriceSet?.shopMoney ?? total;
  const journey = order.customerJourneySummary;
  // customerOrderIndex is this order's place in the customer's history (1 = first; Shopify's docs
  // say "position", 1-based per analytics vendors: unconfirmed). Customer.numberOfOrders would be
  // wrong here: read a day later, it also counts the orders placed since.
  const index = journey?.customerOrderIndex;
  const address = order.shippingAddress;
  const occurredAt = new Date(order.processedAt);
  return {
    orderId: order.legacyResourceId,
    occurredAt,
    customer: {
      id: order.customer ? legacyIdOf(order.customer.id) : null,
      email: order.email ?? order.customer?.defaultEmailAddress?.emailAddress ?? null,
      firstName: order.customer?.firstName ?? null,
      previousOrders: typeof index === 'number' && index >= 1 ? index - 1 : null,
    },
    totalMinor: decimalToMinor(total.amount, total.currencyCode),
    subtotalMinor: decimalToMinor(subtotal.amount, total.currencyCode),
    // No single GraphQL field is orders/paid's total_line_items_price (summing lineItems'
    // originalTotalSet would need the line items): the minimum is then checked on the subtotal.
    subtotalBeforeDiscountsMinor: null,
    currency: total.currencyCode,
    discountCodes: order.discountCodes,
    referralCode: attribute(REFERRAL_CODE_ATTRIBUTE),
    ...parseCartTouches(attribute(REFERRAL_TOUCHES_ATTRIBUTE), occurredAt),
    visitorId: attribute(VISITOR_ID_ATTRIBUTE),
    checkoutToken: order.checkoutToken ?? null,
    ipAddress: order.clientIp ?? null,
    // The deprecated Order.landingPageUrl (REST landing_site) is now the last visit's landing page.
    landingUrl: journey?.lastVisit?.landingPage ?? journey?.firstVisit?.landingPage ?? null,
    shippingAddress: address
      ? {
          line1: address.address1,
          line2: address.address2,
          city: address.city,
          zip: address.zip,
          countryCode: address.countryCodeV2,
        }
      : null,
  };
}

/**
 * Placed or paid (by displayFinancialStatus), then one OrderRefunded per refund that returned
 * money, then OrderCancelled when cancelled. Replaying any of them is a no-op in the engine.
 */
export function orderToEvents(order: ReconcileOrder): DomainEvent[] {
  const facts = orderFacts(order);
  const events: DomainEvent[] = [
    PAID_STATUSES.has(order.displayFinancialStatus ?? '')
      ? { type: 'OrderPaid', ...facts }
      : { type: 'OrderPlaced', ...facts },
  ];
  for (const refund of order.refunds) {
    const money = refund.totalRefundedSet.shopMoney;
    const amountMinor = decimalToMinor(money.amount, money.currencyCode);
    if (amountMinor === 0) continue; // as refunds/create: a refund of no money (restock only) changes no reward
    events.push({
      type: 'OrderRefunded',
      orderId: facts.orderId,
      refundId: refund.legacyResourceId,
      amountMinor,
      currency: money.currencyCode,
      occurredAt: new Date(refund.createdAt ?? order.updatedAt),
    });
  }
  if (order.cancelledAt) {
    events.push({ type: 'OrderCancelled', orderId: facts.orderId, occurredAt: new Date(order.cancelledAt) });
  }
  return events;
}
