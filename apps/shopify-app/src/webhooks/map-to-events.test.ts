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
