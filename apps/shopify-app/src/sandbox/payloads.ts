// The webhook payloads Shopify would send for the sandbox's planned orders.
import { CURRENCY } from './demo-data.js';
import type { PlannedOrder } from './order-plan.js';

const HOUR_MS = 3_600_000;

/**
 * How the friend brought the code: most followed the advocate's link (the theme embed keeps the
 * code on the cart with the times it first and last saw it, hours or days before the order); one in
 * four typed the advocate's code at checkout instead, as a Shopify discount code. The advocate who
 * tries their own code types it too.
 */
const typesTheCode = (order: PlannedOrder) =>
  order.kind === 'self_email' || (order.kind === 'referred' && order.orderId % 4 === 0);

/** The orders/paid payload the shop would send, with the cart attributes the theme embed sets. */
export function orderPayload(order: PlannedOrder, code: string | null, visitorId: string | null) {
  const price = (order.totalMinor / 100).toFixed(2);
  const typed = code !== null && typesTheCode(order);
  const seconds = (at: number) => Math.floor(at / 1000);
  // First seen 1 to 72 hours before the order, last seen 10 minutes before it.
  const firstSeen = order.at.getTime() - ((order.orderId % 72) + 1) * HOUR_MS;
  const lastSeen = order.at.getTime() - 10 * 60_000;
  const attributes =
    code && !typed
      ? [
          { name: '_referral_code', value: code },
          ...(visitorId ? [{ name: '_referral_visitor', value: visitorId }] : []),
          { name: '_referral_touches', value: `${code}:${seconds(firstSeen)}:${seconds(lastSeen)}` },
        ]
      : [];
  // A typed code takes the friend's 15 % off the items: the planned total is what was paid.
  const beforeDiscount = typed ? Math.round(order.totalMinor / 0.85) : order.totalMinor;
  const discount = ((beforeDiscount - order.totalMinor) / 100).toFixed(2);
  return {
    id: order.orderId,
    name: `#${order.orderId - 5_100_000 + 1000}`,
    email: order.email,
    created_at: order.at.toISOString(),
    processed_at: order.at.toISOString(),
    currency: CURRENCY,
    total_price: price,
    subtotal_price: price,
    total_line_items_price: (beforeDiscount / 100).toFixed(2),
    total_discounts: discount,
    financial_status: 'paid',
    browser_ip: order.ip,
    landing_site: code && !typed ? `/?ref=${code}${visitorId ? `&rv=${visitorId}` : ''}` : '/',
    note_attributes: attributes,
    discount_codes: typed ? [{ code, amount: discount, type: 'percentage' }] : [],
    customer: {
      id: Number(order.customer.platformCustomerId),
      email: order.email,
      first_name: order.customer.firstName,
      last_name: order.customer.lastName,
      orders_count: order.ordersCount,
    },
    shipping_address: {
      ...order.customer.address,
      first_name: order.customer.firstName,
      last_name: order.customer.lastName,
    },
  };
}
