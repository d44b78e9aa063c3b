import { describe, expect, test } from 'vitest';
import { mapShopifyWebhook } from '../webhooks/map-to-events.js';
import { type ReconcileOrderInput, reconcileOrderSchema } from './order-node.js';
import { legacyIdOf, orderToEvents } from './order-to-events.js';

// One order as the orders/paid webhook carries it (the fixture of map-to-events.test.ts, with
// every signal filled in) ...
const webhookOrder = {
  id: 1001,
  email: 'a@b.co',
  created_at: '2026-11-20T10:00:00Z',
  processed_at: '2026-11-20T10:00:05Z',
  currency: 'JPY',
  total_price: '12000',
  subtotal_price: '11000',
  browser_ip: '203.0.113.9',
  checkout_token: 'c0ffee0123456789',
  landing_site: 'https://shop.example/?ref=ab-cd',
  note_attributes: [
    { name: '_referral_code', value: 'ab-cd' },
    { name: '_referral_visitor', value: 'v-42' },
    { name: 'gift_note', value: 'hi' },
  ],
  discount_codes: [{ code: 'FRIEND-1' }],
  customer: { id: 9, email: 'a@b.co', first_name: 'Ann', orders_count: 3 },
  shipping_address: {
    address1: '1 Main St',
    address2: null,
    city: 'Tokyo',
    zip: '100-0001',
    country_code: 'JP',
  },
};

// ... and as the Admin GraphQL API returns it (RECONCILE_ORDERS).
const graphqlOrder: ReconcileOrderInput = {
  id: 'gid://shopify/Order/1001',
  legacyResourceId: '1001',
  email: 'a@b.co',
  processedAt: '2026-11-20T10:00:05Z',
  updatedAt: '2026-11-20T10:00:05Z',
  cancelledAt: null,
  displayFinancialStatus: 'PAID',
  totalPriceSet: { shopMoney: { amount: '12000.0', currencyCode: 'JPY' } },
  subtotalPriceSet: { shopMoney: { amount: '11000.0', currencyCode: 'JPY' } },
  customer: {
    id: 'gid://shopify/Customer/9',
    firstName: 'Ann',
    defaultEmailAddress: { emailAddress: 'a@b.co' },
  },
  customAttributes: [
    { key: '_referral_code', value: 'ab-cd' },
    { key: '_referral_visitor', value: 'v-42' },
    { key: 'gift_note', value: 'hi' },
  ],
  discountCodes: ['FRIEND-1'],
  clientIp: '203.0.113.9',
  checkoutToken: 'c0ffee0123456789',
  customerJourneySummary: {
    customerOrderIndex: 3,
    firstVisit: { landingPage: 'https://shop.example/blog' },
    lastVisit: { landingPage: 'https://shop.example/?ref=ab-cd' },
  },
  shippingAddress: {
    address1: '1 Main St',
    address2: null,
    city: 'Tokyo',
    zip: '100-0001',
    countryCodeV2: 'JP',
  },
  refunds: [],
};

const map = (overrides: Partial<ReconcileOrderInput> = {}) =>
  orderToEvents(reconcileOrderSchema.parse({ ...graphqlOrder, ...overrides }));

describe('orderToEvents', () => {
  test('a paid order gives the same OrderPaid as its orders/paid webhook, every signal included', () => {
    const [fromWebhook] = mapShopifyWebhook('orders/paid', webhookOrder);
    expect(map()).toStrictEqual([fromWebhook]);
    expect(fromWebhook).toMatchObject({
      orderId: '1001',
      totalMinor: 12000,
      subtotalMinor: 11000,
      referralCode: 'ab-cd',
      visitorId: 'v-42',
      customer: { id: '9', email: 'a@b.co', firstName: 'Ann', previousOrders: 2 },
      shippingAddress: { line1: '1 Main St', countryCode: 'JP' },
    });
  });

  test('a guest checkout without journey data matches the webhook too', () => {
    const { customer: _c, shipping_address: _s, ...guest } = webhookOrder;
    const [fromWebhook] = mapShopifyWebhook('orders/paid', { ...guest, landing_site: null });
    expect(map({ customer: null, shippingAddress: null, customerJourneySummary: null })).toStrictEqual([
      fromWebhook,
    ]);
  });

  test('the customer email falls back to the customer record, as the webhook does', () => {
    const [event] = map({ email: null });
    expect(event).toMatchObject({ customer: { email: 'a@b.co' } });
  });

  test.each([
    ['PENDING', 'OrderPlaced'],
    ['AUTHORIZED', 'OrderPlaced'],
    ['PAID', 'OrderPaid'],
    ['PARTIALLY_REFUNDED', 'OrderPaid'],
    ['REFUNDED', 'OrderPaid'],
    [null, 'OrderPlaced'],
  ])('financial status %s is %s', (status, type) => {
    expect(map({ displayFinancialStatus: status }).map((e) => e.type)).toEqual([type]);
  });

  test('each refund of money is the OrderRefunded its refunds/create webhook gives, with the numeric id', () => {
    const events = map({
      displayFinancialStatus: 'PARTIALLY_REFUNDED',
      totalPriceSet: { shopMoney: { amount: '120.00', currencyCode: 'USD' } },
      subtotalPriceSet: { shopMoney: { amount: '120.00', currencyCode: 'USD' } },
      refunds: [
        {
          legacyResourceId: '77',
          createdAt: '2026-11-21T00:00:00Z',
          totalRefundedSet: { shopMoney: { amount: '15.00', currencyCode: 'USD' } },
        },
        {
          legacyResourceId: '78',
          createdAt: '2026-11-22T00:00:00Z',
          totalRefundedSet: { shopMoney: { amount: '0.00', currencyCode: 'USD' } },
        },
      ],
    });
    const [fromWebhook] = mapShopifyWebhook('refunds/create', {
      id: 77,
      order_id: 1001,
      created_at: '2026-11-21T00:00:00Z',
      transactions: [
        { kind: 'refund', status: 'success', amount: '10.50', currency: 'USD' },
        { kind: 'refund', status: 'success', amount: '4.50', currency: 'USD' },
      ],
    });
    expect(events.map((e) => e.type)).toEqual(['OrderPaid', 'OrderRefunded']);
    expect(events[1]).toStrictEqual(fromWebhook);
  });

  test('a cancelled order also gives the OrderCancelled of orders/cancelled', () => {
    const events = map({ displayFinancialStatus: 'VOIDED', cancelledAt: '2026-11-21T00:00:00Z' });
    const [fromWebhook] = mapShopifyWebhook('orders/cancelled', {
      ...webhookOrder,
      cancelled_at: '2026-11-21T00:00:00Z',
    });
    expect(events.map((e) => e.type)).toEqual(['OrderPlaced', 'OrderCancelled']);
    expect(events[1]).toStrictEqual(fromWebhook);
  });

  test('amounts with more decimals than the currency allows are refused, not rounded', () => {
    expect(() => map({ totalPriceSet: { shopMoney: { amount: '12000.5', currencyCode: 'JPY' } } })).toThrow(
      /more decimals/,
    );
  });

  test('legacyIdOf takes the numeric tail of a global id', () => {
    expect(legacyIdOf('gid://shopify/Customer/9')).toBe('9');
    expect(legacyIdOf('gid://shopify/Refund/77?x=1')).toBe('77');
    expect(() => legacyIdOf('9')).toThrow(/global id/);
  });
});
