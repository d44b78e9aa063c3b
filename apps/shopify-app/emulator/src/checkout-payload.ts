// The orders/paid webhook payload of an emulator checkout's order, in Shopify's REST shape.
import type { PricedDiscount } from './checkout-pricing.js';
import type { FunctionCart } from './function-runner.js';
import { type Order, type ShopState, toDecimal } from './store.js';

const legacyId = (gid: string): number | string => {
  const tail = gid.slice(gid.lastIndexOf('/') + 1);
  return /^\d+$/.test(tail) ? Number(tail) : gid;
};

/** The orders/paid payload (REST shape, the fields the app reads and their neighbours). */
export function ordersPaidPayload(
  state: ShopState,
  order: Order,
  lines: FunctionCart['lines'],
  applied: (PricedDiscount & { code: string | null; title: string })[],
  subtotalMinor: number,
  discountMinor: number,
): Record<string, unknown> {
  const at = new Date(order.createdAt).toISOString();
  const customer = order.customerId ? state.customers.get(order.customerId) : undefined;
  return {
    id: order.legacyId,
    admin_graphql_api_id: order.id,
    name: order.name,
    email: order.email,
    created_at: at,
    processed_at: at,
    updated_at: at,
    currency: order.currencyCode,
    presentment_currency: order.currencyCode,
    financial_status: 'paid',
    total_line_items_price: toDecimal(subtotalMinor),
    total_discounts: toDecimal(discountMinor),
    // Shopify's subtotal_price is after discounts, before shipping and taxes.
    subtotal_price: toDecimal(order.subtotalMinor),
    total_price: toDecimal(order.totalMinor),
    total_tax: '0.00',
    browser_ip: order.clientIp,
    landing_site: order.landingPageUrl,
    note_attributes: order.customAttributes.map((a) => ({ name: a.key, value: a.value })),
    discount_codes: applied
      .filter((d) => d.code)
      .map((d) => ({ code: d.code, amount: toDecimal(d.amountMinor), type: d.valueType })),
    discount_applications: applied.map((d) => ({
      type: d.code ? 'discount_code' : 'automatic',
      ...(d.code ? { code: d.code } : { title: d.title }),
      description: d.message,
      value: d.value,
      value_type: d.valueType,
      allocation_method: 'across',
      target_selection: 'all',
      target_type: 'line_item',
    })),
    line_items: lines.map((l) => ({
      id: legacyId(l.id),
      title: l.title,
      quantity: l.quantity,
      price: toDecimal(l.unitMinor),
    })),
    customer: customer
      ? {
          id: legacyId(customer.id),
          email: customer.email,
          first_name: customer.firstName,
          last_name: customer.lastName,
          // Shopify counts this order.
          orders_count: customer.numberOfOrders,
        }
      : null,
    shipping_address: null,
  };
}
