import { describe, expect, test } from 'vitest';
import { mapShopifyWebhook } from '../webhooks/map-to-events.js';
import { PIXEL_CHECKOUT_TOPIC, pixelCheckoutBodySchema } from './payload.js';

const VISITOR = '0B7A6F1E-2C3D-4E5F-8A9B-0C1D2E3F4A5B';

describe('the web pixel report', () => {
  test('a stored report becomes CheckoutVisitorSeen for the order id the order webhooks use', () => {
    const stored = pixelCheckoutBodySchema.parse({
      shop: 'acme',
      key: 'k'.repeat(43),
      visitorId: VISITOR,
      checkoutToken: 'c1a2b3c4d5e6f708',
      orderId: 'gid://shopify/Order/450789469',
      occurredAt: '2026-12-04T10:00:00Z',
    });
    expect(stored).toMatchObject({
      shop: 'acme.myshopify.com',
      orderId: '450789469',
      visitorId: VISITOR.toLowerCase(),
    });
    const { shop: _shop, key: _key, ...event } = stored;
    expect(mapShopifyWebhook(PIXEL_CHECKOUT_TOPIC, event)).toEqual([
      {
        type: 'CheckoutVisitorSeen',
        orderId: '450789469',
        checkoutToken: 'c1a2b3c4d5e6f708',
        visitorId: VISITOR.toLowerCase(),
        occurredAt: new Date('2026-12-04T10:00:00Z'),
      },
    ]);
  });

  test('an order webhook carries its checkout token to the engine', () => {
    const [event] = mapShopifyWebhook('orders/paid', {
      id: 450789469,
      created_at: '2026-12-04T10:00:00Z',
      currency: 'USD',
      total_price: '10.00',
      checkout_token: 'c1a2b3c4d5e6f708',
    });
    expect(event).toMatchObject({
      type: 'OrderPaid',
      orderId: '450789469',
      checkoutToken: 'c1a2b3c4d5e6f708',
    });
  });
});
