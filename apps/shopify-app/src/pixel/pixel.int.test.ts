// POST /pixel/checkout-completed over real HTTP on real PostgreSQL, and the pixel's set-up on the
// emulated shop through the real Admin API client: what is refused stores nothing.
import type { AddressInfo } from 'node:net';
import { allRowsOf, rowsOf } from '@referrals/core/testing';
import { dbTest } from '@referrals/core/testing/fixtures';
import { describe, expect } from 'vitest';
import { createShopifyApp } from '../server.js';
import { checkoutCompletedEvent, runReferralPixel } from '../testing/pixel.js';
import { type PlatformFixture, startPlatformFixture, testLogger } from '../testing/platform.js';
import { pixelKeys } from './pixel-key.js';
import { PIXEL_CHECKOUT_PATH } from './route.js';
import { WebPixelSetup } from './web-pixel-setup.js';

type Fixture = { fx: PlatformFixture; baseUrl: string };

const test = dbTest.extend<Fixture>({
  fx: async ({ engine }, use) => {
    const fx = await startPlatformFixture(engine.db);
    await use(fx);
    await fx.close();
  },
  baseUrl: async ({ engine, fx }, use) => {
    const app = createShopifyApp({
      db: engine.db,
      logger: testLogger,
      apiSecret: fx.emulator.apiSecret,
      platform: fx.platform,
      // Small buckets, so the limits show within a test.
      pixel: {
        rateLimit: { perClient: { perSecond: 0.01, burst: 3 }, perShop: { perSecond: 0.01, burst: 5 } },
      },
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    await new Promise((r) => server.close(r));
  },
});

const VISITOR = '0b7a6f1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b';
const report = (over: Record<string, unknown> = {}) => ({
  visitorId: VISITOR,
  checkoutToken: 'c1a2b3c4d5e6f708',
  orderId: 'gid://shopify/Order/450789469',
  occurredAt: '2026-12-04T10:00:00.000Z',
  ...over,
});

function poster(baseUrl: string) {
  return async (body: unknown, client = '198.51.100.1') => {
    const res = await fetch(`${baseUrl}${PIXEL_CHECKOUT_PATH}`, {
      method: 'POST',
      // The app trusts X-Forwarded-For from loopback only (a proxy in front): here, one client per value.
      headers: { 'x-forwarded-for': client },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return {
      status: res.status,
      json: (await res.json()) as Record<string, unknown>,
      headers: res.headers,
    };
  };
}

describe('POST /pixel/checkout-completed', () => {
  test('stores a report with the shop key once; a forged or unknown shop key stores nothing', async ({
    engine,
    fx,
    baseUrl,
  }) => {
    const { shop, merchantId } = await fx.installShop();
    const key = pixelKeys(fx.encryptionKey).keyFor(shop);
    const post = poster(baseUrl);

    const forged = await post({ ...report(), shop, key: 'A'.repeat(43) });
    expect(forged).toMatchObject({ status: 401, json: { error: 'INVALID_KEY' } });
    // Another shop's key (derived the same way) does not open this shop.
    const stranger = 'stranger.myshopify.com';
    const wrongShop = await post({ ...report(), shop, key: pixelKeys(fx.encryptionKey).keyFor(stranger) });
    expect(wrongShop.status).toBe(401);
    // A well-formed key for a shop that never installed the app: refused, and nothing is stored.
    const unknown = await post({
      ...report(),
      shop: stranger,
      key: pixelKeys(fx.encryptionKey).keyFor(stranger),
    });
    expect(unknown).toMatchObject({ status: 403, json: { error: 'SHOP_NOT_ACTIVE' } });
    expect(await allRowsOf(engine.db, 'inbound_events')).toEqual([]);

    const stored = await post({ ...report(), shop, key }, '198.51.100.9');
    expect(stored).toMatchObject({ status: 202, json: { ok: true, duplicate: false } });
    expect(stored.headers.get('access-control-allow-origin')).toBe('*');
    const again = await post(
      { ...report({ occurredAt: '2026-12-04T10:00:09.000Z' }), shop, key },
      '198.51.100.2',
    );
    expect(again).toMatchObject({ status: 202, json: { ok: true, duplicate: true } });
    const inbox = await rowsOf(engine.db, 'inbound_events', merchantId);
    expect(inbox).toHaveLength(1);
    // Kept without the shop and key, the order id as the order webhooks spell it.
    expect(inbox[0]).toMatchObject({
      platform: 'shopify',
      topic: 'pixel/checkout_completed',
      externalId: 'pixel:checkout:c1a2b3c4d5e6f708',
      payload: {
        visitorId: VISITOR,
        checkoutToken: 'c1a2b3c4d5e6f708',
        orderId: '450789469',
        occurredAt: '2026-12-04T10:00:00.000Z',
      },
    });
  });

  test('bad bodies get a 400 that says what is wrong; an oversized one a 413', async ({
    engine,
    fx,
    baseUrl,
  }) => {
    const { shop, merchantId } = await fx.installShop();
    const key = pixelKeys(fx.encryptionKey).keyFor(shop);
    const post = poster(baseUrl);
    let client = 0;
    const fresh = () => `203.0.113.${++client}`; // a new client each time: these are not about the limit

    expect(await post('{"shop": ', fresh())).toMatchObject({
      status: 400,
      json: { error: 'MALFORMED_JSON', message: 'The body must be JSON.' },
    });
    const missing = await post(
      { shop, key, checkoutToken: 'c1a2b3c4d5e6f708', orderId: '1', occurredAt: '2026-12-04T10:00:00Z' },
      fresh(),
    );
    expect(missing.status).toBe(400);
    expect(missing.json.issues).toEqual([expect.objectContaining({ path: ['visitorId'] })]);
    const badOrder = await post({ ...report({ orderId: 'DROP TABLE' }), shop, key }, fresh());
    expect(badOrder.json).toEqual({
      error: 'INVALID_PAYLOAD',
      issues: [{ path: ['orderId'], message: 'a Shopify order id (digits or gid://shopify/Order/…)' }],
    });
    const badTime = await post({ ...report({ occurredAt: 'yesterday' }), shop, key }, fresh());
    expect(badTime.json.issues).toEqual([{ path: ['occurredAt'], message: 'an ISO 8601 time' }]);
    const huge = await post({ ...report(), shop, key, padding: 'x'.repeat(5000) }, fresh());
    expect(huge).toMatchObject({ status: 413, json: { error: 'BODY_TOO_LARGE' } });
    expect(await rowsOf(engine.db, 'inbound_events', merchantId)).toEqual([]);
  });

  test('answers 429 past the per-client and per-shop limits, with Retry-After', async ({ fx, baseUrl }) => {
    const { shop } = await fx.installShop();
    const key = pixelKeys(fx.encryptionKey).keyFor(shop);
    const post = poster(baseUrl);
    const send = (n: number, client: string) =>
      post({ ...report({ checkoutToken: `token-${n}-${client}` }), shop, key }, client);

    // One client: a burst of 3, then refused (before the body is even read).
    expect((await send(1, '192.0.2.1')).status).toBe(202);
    expect((await send(2, '192.0.2.1')).status).toBe(202);
    expect((await send(3, '192.0.2.1')).status).toBe(202);
    const limited = await send(4, '192.0.2.1');
    expect(limited).toMatchObject({ status: 429, json: { error: 'RATE_LIMITED' } });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Other clients of the same shop go on until the shop's own bucket (5) is spent.
    expect((await send(5, '192.0.2.2')).status).toBe(202);
    expect((await send(6, '192.0.2.3')).status).toBe(202);
    expect((await send(7, '192.0.2.4')).status).toBe(429);
  });

  test('a CORS preflight is answered for any origin', async ({ baseUrl }) => {
    const res = await fetch(`${baseUrl}${PIXEL_CHECKOUT_PATH}`, {
      method: 'OPTIONS',
      headers: { origin: 'https://extensions.shopifycdn.com', 'access-control-request-method': 'POST' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toBe('POST');
  });
});

describe('the pixel script (extensions/referral-pixel/src/pixel.js)', () => {
  test('reports a referral visitor with the settings the app gave it; nothing for anyone else', async ({
    engine,
    fx,
    baseUrl,
  }) => {
    const { shop, merchantId, state } = await fx.installShop();
    const settings = JSON.parse(state.webPixel?.settings ?? '{}') as Record<string, string>;
    const here = { ...settings, endpoint: `${baseUrl}${PIXEL_CHECKOUT_PATH}` };
    const at = new Date('2026-12-04T10:00:00Z');
    for (const cookies of [{}, { _ref_vid: 'not-a-visitor-we-issued' }] as Record<string, string>[]) {
      const pixel = await runReferralPixel({ settings: here, cookies });
      await pixel.publish(
        'checkout_completed',
        checkoutCompletedEvent({ orderId: '7', checkoutToken: 'tok-nobody-1', at }),
      );
    }
    expect(await rowsOf(engine.db, 'inbound_events', merchantId)).toEqual([]);

    const pixel = await runReferralPixel({ settings: here, cookies: { _ref_vid: VISITOR } });
    // Other events are not its business.
    await pixel.publish('page_viewed', { name: 'page_viewed', data: {} });
    await pixel.publish(
      'checkout_completed',
      checkoutCompletedEvent({ orderId: 'gid://shopify/Order/7', checkoutToken: 'tok-friend-1', at }),
    );
    expect((await rowsOf(engine.db, 'inbound_events', merchantId)).map((r) => r.payload)).toEqual([
      { visitorId: VISITOR, checkoutToken: 'tok-friend-1', orderId: '7', occurredAt: at.toISOString() },
    ]);
    expect(settings.shop).toBe(shop);
  });
});

describe('the web pixel on a shop', () => {
  test('is created on install with the settings its extension defines, then kept in step', async ({ fx }) => {
    const { shop, merchantId, state } = await fx.installShop();
    const keys = pixelKeys(fx.encryptionKey);
    expect(state.webPixel).not.toBeNull();
    expect(JSON.parse(state.webPixel?.settings ?? '{}')).toEqual({
      endpoint: `http://127.0.0.1${PIXEL_CHECKOUT_PATH}`,
      shop,
      key: keys.keyFor(shop),
    });
    const id = state.webPixel?.id;
    // Installing again (token exchange after a reinstall) finds it as it should be.
    expect(await fx.platform.webPixels.ensure(merchantId, shop)).toEqual({ id, change: 'unchanged' });
    // The app moved: the same pixel gets the new endpoint.
    const moved = new WebPixelSetup({
      graphql: fx.platform.graphql,
      appUrl: 'https://referrals.example.com',
      keys,
      logger: testLogger,
    });
    expect(await moved.ensure(merchantId, shop)).toEqual({ id, change: 'updated' });
    expect(JSON.parse(state.webPixel?.settings ?? '{}').endpoint).toBe(
      `https://referrals.example.com${PIXEL_CHECKOUT_PATH}`,
    );
    const sent = fx.emulator.requests.map((r) => /\{\s*(webPixel\w*)/.exec(r.query)?.[1]).filter(Boolean);
    expect(sent).toEqual([
      'webPixelCreate',
      'webPixelCreate',
      'webPixel',
      'webPixelCreate',
      'webPixel',
      'webPixelUpdate',
    ]);
  });
});
