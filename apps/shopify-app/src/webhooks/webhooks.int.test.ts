// POST /webhooks over real HTTP with bodies signed like Shopify's, on real PostgreSQL; then the
// worker's mapper turns the stored payloads into rewards.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { processInboundEvent } from '@referrals/core';
import { buildAdvocate, buildMerchant, buildProgram, rowsOf } from '@referrals/core/testing';
import { dbTest as test } from '@referrals/core/testing/fixtures';
import { sendWebhook } from '@referrals/shopify-emulator';
import { pino } from 'pino';
import { describe, expect } from 'vitest';
import { createShopifyApp } from '../server.js';
import { shopifyMapper } from './map-to-events.js';
import { REFERRAL_CODE_ATTRIBUTE } from './payloads.js';
import { signShopifyBody } from './verify-hmac.js';

const SECRET = 'shpss_test_secret';

function order(overrides: Record<string, unknown> = {}) {
  return {
    id: 5_550_001,
    email: 'Friend.One@Example.com',
    created_at: '2026-11-20T10:00:00Z',
    processed_at: '2026-11-20T10:00:05Z',
    currency: 'EUR',
    total_price: '84.50',
    subtotal_price: '80.00',
    browser_ip: '198.51.100.23',
    landing_site: '/?ref=X',
    note_attributes: [],
    discount_codes: [],
    customer: { id: 7_770_001, email: 'friend.one@example.com', first_name: 'Fran', orders_count: 1 },
    shipping_address: { address1: '1 Main St', city: 'Lyon', zip: '69001', country_code: 'FR' },
    line_items: [{ id: 1, title: 'ignored by us' }],
    ...overrides,
  };
}

async function withServer<T>(
  db: Parameters<typeof createShopifyApp>[0]['db'],
  run: (post: Post) => Promise<T>,
) {
  const server = createShopifyApp({ db, logger: pino({ level: 'silent' }), apiSecret: SECRET }).listen(0);
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    return await run(async (body, headers = {}) => {
      const res = await fetch(`${base}/webhooks`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', ...headers },
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    });
  } finally {
    server.close();
  }
}
type Post = (
  body: string,
  headers?: Record<string, string>,
) => Promise<{ status: number; json: Record<string, unknown> }>;

const signed = (body: string, shop: string, topic: string, eventId: string = randomUUID()) => ({
  'x-shopify-hmac-sha256': signShopifyBody(body, SECRET),
  'x-shopify-shop-domain': shop,
  'x-shopify-topic': topic,
  'x-shopify-event-id': eventId,
  'x-shopify-webhook-id': randomUUID(),
  'x-shopify-api-version': '2026-10',
});

describe('POST /webhooks', () => {
  test('stores a signed webhook once, and refuses forged, malformed, unknown-shop and oversized ones without writing', async ({
    engine,
  }) => {
    const merchant = await buildMerchant(engine.db);
    const shop = merchant.shopDomain!;
    const inbox = async () => rowsOf(engine.db, 'inbound_events', merchant.id);
    await withServer(engine.db, async (post) => {
      const body = JSON.stringify(order());
      const headers = signed(body, shop, 'orders/paid', 'evt-1');
      expect(await post(body, headers)).toEqual({ status: 200, json: { ok: true, duplicate: false } });
      expect(await post(body, headers)).toEqual({ status: 200, json: { ok: true, duplicate: true } });
      expect(await inbox()).toHaveLength(1);

      const forged = {
        ...signed(body, shop, 'orders/paid'),
        'x-shopify-hmac-sha256': signShopifyBody(body, 'not-the-secret'),
      };
      expect((await post(body, forged)).status).toBe(401);
      const tampered = signed(body, shop, 'orders/paid');
      expect((await post(body.replace('84.50', '8450.00'), tampered)).status).toBe(401);
      expect((await post(body, { 'x-shopify-topic': 'orders/paid' })).status).toBe(401);

      const broken = '{"id": 1, "total_price": ';
      expect((await post(broken, signed(broken, shop, 'orders/paid'))).json).toEqual({
        error: 'MALFORMED_JSON',
      });
      const wrongShape = JSON.stringify({ id: 1 });
      expect((await post(wrongShape, signed(wrongShape, shop, 'orders/paid'))).status).toBe(400);
      expect((await post(body, signed(body, 'stranger.myshopify.com', 'orders/paid'))).json).toEqual({
        error: 'UNKNOWN_SHOP',
      });
      const huge = JSON.stringify(order({ note: 'x'.repeat(600 * 1024) }));
      expect((await post(huge, signed(huge, shop, 'orders/paid'))).status).toBe(413);
      expect(await inbox()).toHaveLength(1);
    });
  });

  test('orders/paid with our cart attribute becomes a held reward; refunds/create takes it back pro rata', async ({
    engine,
  }) => {
    const merchant = await buildMerchant(engine.db, { currency: 'EUR' });
    const { programId } = await buildProgram(engine.db, merchant.id, {
      advocateReward: { kind: 'store_credit', bps: 1000 },
    });
    const advocate = await buildAdvocate(engine.db, merchant.id, programId);
    const shop = merchant.shopDomain!;
    await withServer(engine.db, async (post) => {
      const paid = JSON.stringify(
        order({ note_attributes: [{ name: REFERRAL_CODE_ATTRIBUTE, value: advocate.code.toLowerCase() }] }),
      );
      expect((await post(paid, signed(paid, shop, 'orders/paid'))).status).toBe(200);
      const refund = JSON.stringify({
        id: 990_001,
        order_id: 5_550_001,
        created_at: '2026-11-21T09:00:00Z',
        transactions: [{ kind: 'refund', status: 'success', amount: '42.25', currency: 'EUR' }],
      });
      expect((await post(refund, signed(refund, shop, 'refunds/create'))).status).toBe(200);
    });
    const rows = await rowsOf(engine.db, 'inbound_events', merchant.id);
    for (const row of rows.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime())) {
      expect(
        await processInboundEvent(
          engine,
          { merchantId: merchant.id, inboundEventId: row.id },
          { shopify: shopifyMapper },
        ),
      ).toEqual({
        status: 'processed',
      });
    }
    const [reward] = await rowsOf(engine.db, 'rewards', merchant.id);
    // 10% of the 80.00 subtotal, in cents; half the order refunded -> half the reward reversed.
    expect(reward).toMatchObject({ status: 'held', amountMinor: 800, currency: 'EUR', reversedMinor: 400 });
    const [saved] = await rowsOf(engine.db, 'orders', merchant.id);
    expect(saved).toMatchObject({
      platformOrderId: '5550001',
      totalMinor: 8450,
      subtotalMinor: 8000,
      currency: 'EUR',
      emailNormalized: 'friend.one@example.com',
    });
    expect((saved!.signals as { ipHash: string }).ipHash).not.toContain('198.51');
  });
});

describe('webhooks sent by the emulator', () => {
  test('the emulator signs like Shopify: accepted once, and a redelivery of the same event is stored once', async ({
    engine,
  }) => {
    const merchant = await buildMerchant(engine.db);
    const server = createShopifyApp({
      db: engine.db,
      logger: pino({ level: 'silent' }),
      apiSecret: SECRET,
    }).listen(0);
    await new Promise((r) => server.once('listening', r));
    const address = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
    try {
      const delivery = {
        address,
        topic: 'orders/create',
        shop: merchant.shopDomain!,
        payload: order(),
        secret: SECRET,
      };
      const first = await sendWebhook(delivery);
      expect(first.status).toBe(200);
      expect((await sendWebhook({ ...delivery, eventId: first.eventId })).body).toContain('"duplicate":true');
      expect((await sendWebhook({ ...delivery, secret: 'wrong' })).status).toBe(401);
    } finally {
      server.close();
    }
    const rows = await rowsOf(engine.db, 'inbound_events', merchant.id);
    expect(rows.map((r) => r.topic)).toEqual(['orders/create']);
  });
});
