// The webhook payloads Shopify would send for the sandbox's planned orders.
import { CURRENCY } from './demo-data.js';
import type { PlannedOrder } from './order-plan.js';

/** The orders/paid payload the shop would send, with the cart attributes the theme embed sets. */
export function orderPayload(order: PlannedOrder, code: string | null, visitorId: string | null) {
  const price = (order.totalMinor / 100).toFixed(2);
  const attributes = [
    ...(code ? [{ name: '_referral_code', value: code }] : []),
    ...(visitorId ? [{ name: '_referral_visitor', value: visitorId }] : []),
  ];
  return {
    id: order.orderId,
    name: `#${order.orderId - 5_100_000 + 1000}`,
    email: order.email,
    created_at: order.at.toISOString(),
    processed_at: order.at.toISOString(),
    currency: CURRENCY,
    total_price: price,
    subtotal_price: price,
    financial_status: 'paid',
    browser_ip: order.ip,
    landing_site: code ? `/?ref=${code}${visitorId ? `&rv=${visitorId}` : ''}` : '/',
    note_attributes: attributes,
    discount_codes: [],
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
