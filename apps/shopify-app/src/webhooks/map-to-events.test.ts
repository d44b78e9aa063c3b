import { describe, expect, test } from 'vitest';
import { mapShopifyWebhook } from './map-to-events.js';

const base = {
  id: 1001,
  created_at: '2026-11-20T10:00:00Z',
  currency: 'JPY',
  total_price: '12000',
  note_attributes: [
    { name: '_referral_code', value: 'ab-cd' },
    { name: '_referral_visitor', value: 'v-42' },
    { name: 'gift_note', value: 'hi' },
  ],
  discount_codes: [{ code: 'FRIEND-1' }],
};

describe('mapShopifyWebhook', () => {
  test('orders/paid carries every attribution signal, in minor units of the order currency', () => {
    const [event] = mapShopifyWebhook('orders/paid', {
      ...base,
      email: 'a@b.co',
      customer: { id: 9, orders_count: 3 },
    });
    expect(event).toMatchObject({
      type: 'OrderPaid',
      orderId: '1001',
      totalMinor: 12000,
      subtotalMinor: 12000,
      currency: 'JPY',
      referralCode: 'ab-cd',
      visitorId: 'v-42',
      discountCodes: ['FRIEND-1'],
      customer: { id: '9', email: 'a@b.co', previousOrders: 2 },
    });
  });

  test('orders/paid carries the line items before discounts, which a minimum order is checked on', () => {
    const [event] = mapShopifyWebhook('orders/paid', {
      ...base,
      currency: 'USD',
      total_price: '51.75',
      subtotal_price: '46.75',
      total_line_items_price: '55.00',
      total_discounts: '8.25',
    });
    expect(event).toMatchObject({ subtotalMinor: 4675, subtotalBeforeDiscountsMinor: 5500 });
    expect(mapShopifyWebhook('orders/paid', base)[0]).toMatchObject({ subtotalBeforeDiscountsMinor: null });
  });

  test('the cart touch history becomes timed cart touches; none is an empty list', () => {
    const orderAt = Date.parse('2026-11-20T10:00:00Z') / 1000;
    const touches = `ab-cd:${orderAt - 86_400 * 9}:${orderAt - 86_400 * 2}|XYZ789:${orderAt - 86_400 * 4}:${orderAt - 86_400 * 4}`;
    const [event] = mapShopifyWebhook('orders/paid', {
      ...base,
      note_attributes: [...base.note_attributes, { name: '_referral_touches', value: touches }],
    });
    expect(event).toMatchObject({
      cartTouches: [
        {
          code: 'ab-cd',
          firstSeenAt: new Date('2026-11-11T10:00:00Z'),
          lastSeenAt: new Date('2026-11-18T10:00:00Z'),
        },
        { code: 'XYZ789', firstSeenAt: new Date('2026-11-16T10:00:00Z') },
      ],
      cartTouchesNote: null,
    });
    expect(mapShopifyWebhook('orders/paid', base)[0]).toMatchObject({
      cartTouches: [],
      cartTouchesNote: null,
    });
  });

  test('a time after the order is clamped to the order time, and the decision is told', () => {
    const future = Date.parse('2026-12-01T00:00:00Z') / 1000;
    const [event] = mapShopifyWebhook('orders/paid', {
      ...base,
      note_attributes: [{ name: '_referral_touches', value: `ABC123:1700000000:${future}` }],
    });
    expect(event).toMatchObject({
      cartTouches: [
        {
          code: 'ABC123',
          firstSeenAt: new Date(1_700_000_000_000),
          lastSeenAt: new Date('2026-11-20T10:00:00Z'),
        },
      ],
      cartTouchesNote: expect.stringContaining(
        '1 time(s) in cart attribute _referral_touches came after the order',
      ),
    });
  });

  test.each([
    ['garbage', '<script>alert(1)</script>', 'an entry is not CODE:first:last'],
    ['an empty entry', 'ABC123:1:2|', 'an entry is not CODE:first:last'],
    ['a short code', 'AB:1:2', 'an entry is not CODE:first:last'],
    ['milliseconds', 'ABC123:1700000000000:1700000000000', 'an entry is not CODE:first:last'],
    ['last before first', 'ABC123:1700000002:1700000001', 'an entry was last seen before it was first seen'],
    ['a repeated code', 'ABC-123:1:2|abc123:3:4', 'repeats a code'],
    ['six codes', Array.from({ length: 6 }, (_, i) => `CODE${i}0:1:2`).join('|'), 'holds more than 5 codes'],
    ['an oversized value', `ABC123:1:2|${'x'.repeat(400)}`, 'is too long'],
  ])('a malformed history (%s) is ignored with its reason, never a crash', (_case, value, why) => {
    const [event] = mapShopifyWebhook('orders/paid', {
      ...base,
      note_attributes: [...base.note_attributes, { name: '_referral_touches', value }],
    });
    expect(event).toMatchObject({
      referralCode: 'ab-cd',
      cartTouches: [],
      cartTouchesNote: `Ignored: cart attribute _referral_touches ${why}, so its touches were not counted`,
    });
  });

  test('orders/create is a placed order and orders/cancelled a cancellation', () => {
    expect(mapShopifyWebhook('orders/create', base)[0]?.type).toBe('OrderPlaced');
    expect(
      mapShopifyWebhook('orders/cancelled', { ...base, cancelled_at: '2026-11-21T00:00:00Z' })[0],
    ).toMatchObject({
      type: 'OrderCancelled',
      orderId: '1001',
    });
  });

  test('refunds/create sums the successful refund transactions; a refund of no money maps to nothing', () => {
    const refund = {
      id: 77,
      order_id: 1001,
      created_at: '2026-11-21T00:00:00Z',
      transactions: [
        { kind: 'refund', status: 'success', amount: '10.50', currency: 'USD' },
        { kind: 'refund', status: 'failure', amount: '99.00', currency: 'USD' },
        { kind: 'refund', status: 'success', amount: '4.50', currency: 'USD' },
      ],
    };
    expect(mapShopifyWebhook('refunds/create', refund)).toEqual([
      expect.objectContaining({
        type: 'OrderRefunded',
        orderId: '1001',
        refundId: '77',
        amountMinor: 1500,
        currency: 'USD',
      }),
    ]);
    expect(mapShopifyWebhook('refunds/create', { ...refund, transactions: [] })).toEqual([]);
  });

  test('customers/create and unknown topics', () => {
    expect(
      mapShopifyWebhook('customers/create', {
        id: 5,
        email: 'c@d.co',
        created_at: '2026-11-20T10:00:00Z',
      })[0],
    ).toMatchObject({
      type: 'CustomerCreated',
      customer: { id: '5', email: 'c@d.co' },
    });
    expect(() => mapShopifyWebhook('products/update', {})).toThrow(/Unsupported/);
  });
});
