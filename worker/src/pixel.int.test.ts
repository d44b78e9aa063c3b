// Issue 10, "joining clicks to orders when cart attributes are lost": a friend clicks /r/:code,
// the checkout drops the cart attributes, and the storefront web pixel reports the visitor for the
// order. Over the public paths only: the link, signed orders/paid webhooks, POST
// /pixel/checkout-completed, and the real worker on PostgreSQL and Redis.
import { randomBytes } from 'node:crypto';
import { type EngineContext, enrollAdvocate } from '@referrals/core';
import { allRowsOf, buildProgram, rowsOf } from '@referrals/core/testing';
import { dbTest } from '@referrals/core/testing/fixtures';
import { checkoutCompletedEvent, runReferralPixel } from '@referrals/shopify-app/testing';
import { sendWebhook } from '@referrals/shopify-emulator';
import { pino } from 'pino';
import { describe, expect } from 'vitest';
import { type ShopifyStack, startShopifyStack } from './testing/shopify-stack.js';
import { waitFor } from './testing/wait-for.js';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const test = dbTest.extend<{ stack: ShopifyStack }>({
  stack: async ({ engine }, use) => {
    const stack = await startShopifyStack(engine, { redisUrl, logger, queuePrefix: 'pixel' });
    await use(stack);
    await stack.close();
  },
});

type Decision = { credited: boolean; rule: string; reasons: string[]; signals: { signal: string }[] };

/** An installed shop with a live programme, an advocate, and the pixel the app set up on install. */
async function shopWithAdvocate(engine: EngineContext, stack: ShopifyStack) {
  const shop = `pixel-${randomBytes(3).toString('hex')}.myshopify.com`;
  const state = stack.emulator.installApp(shop);
  const merchant = await stack.platform.sessions.install(shop, stack.emulator.sessionToken(shop));
  const { programId } = await buildProgram(engine.db, merchant.id, {
    holdDays: 30,
    fraud: { rules: { velocity: { enabled: false } } },
  });
  const advocate = await enrollAdvocate(engine.db, {
    merchantId: merchant.id,
    programId,
    customer: { platformCustomerId: '90001', email: 'ada@example.com', firstName: 'Ada' },
    consentAt: new Date(),
  });
  const settings = await pixelSettings(stack, shop);
  return { shop, state, merchantId: merchant.id, advocate, settings };
}

/** The settings the app gave the shop's web pixel (what the pixel reads in the browser). */
async function pixelSettings(stack: ShopifyStack, shop: string) {
  const settings = stack.emulator.shop(shop).webPixel?.settings;
  if (!settings) throw new Error('the app set up no web pixel');
  return JSON.parse(settings) as { endpoint: string; shop: string; key: string };
}

/** The friend follows the advocate's link: the click is recorded and the visitor id comes back. */
async function click(engine: EngineContext, stack: ShopifyStack, shop: string, code: string) {
  const res = await fetch(`${stack.baseUrl}/r/${code}?shop=${shop}`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const visitor = new URL(res.headers.get('location') ?? '').searchParams.get('rv') ?? '';
  await waitFor(
    'click stored',
    async () => (await allRowsOf(engine.db, 'clicks', { visitorId: visitor }))[0],
  );
  return visitor;
}

/** orders/paid for an order whose cart lost our attributes: no note_attributes at all. */
function orderWithoutAttributes(id: number, checkoutToken: string) {
  const now = new Date().toISOString();
  return {
    id,
    email: 'bob@example.org',
    created_at: now,
    processed_at: now,
    currency: 'USD',
    total_price: '120.00',
    subtotal_price: '120.00',
    browser_ip: '203.0.113.7',
    checkout_token: checkoutToken,
    note_attributes: [],
    discount_codes: [],
    customer: { id: 80001, email: 'bob@example.org', orders_count: 1 },
  };
}

/**
 * The shopper's browser on the thank-you page: the real pixel code with the settings the app gave
 * it and the embed's visitor cookie. Tests send to the stack's port (the stack's app URL has none).
 */
async function checkoutCompletes(
  stack: ShopifyStack,
  settings: { endpoint: string; shop: string; key: string },
  input: { visitorId: string; orderId: string; checkoutToken: string },
) {
  expect(new URL(settings.endpoint).pathname).toBe('/pixel/checkout-completed');
  const pixel = await runReferralPixel({
    settings: { ...settings, endpoint: `${stack.baseUrl}${new URL(settings.endpoint).pathname}` },
    cookies: { _ref_vid: input.visitorId },
  });
  await pixel.publish('checkout_completed', checkoutCompletedEvent(input));
}

/** What the pixel posts (extensions/referral-pixel/src/pixel.js), sent by hand: a replay or a forgery. */
const postPixel = (
  stack: ShopifyStack,
  settings: { endpoint: string; shop: string; key: string },
  event: Record<string, string>,
) =>
  fetch(`${stack.baseUrl}${new URL(settings.endpoint).pathname}`, {
    method: 'POST',
    body: JSON.stringify({ shop: settings.shop, key: settings.key, ...event }),
  });

const decisionOf = async (db: Parameters<typeof rowsOf>[0], merchantId: string) =>
  (await rowsOf(db, 'attribution_decisions', merchantId))[0] as Decision | undefined;

describe('web pixel joins a click to an order that lost its cart attributes', () => {
  test('pixel first, then the order: credited as a link referral through the pixel; a replay changes nothing', async ({
    engine,
    stack,
  }) => {
    const { shop, merchantId, advocate, settings } = await shopWithAdvocate(engine, stack);
    const visitor = await click(engine, stack, shop, advocate.code ?? '');
    const token = `ct${randomBytes(12).toString('hex')}`;
    await checkoutCompletes(stack, settings, {
      visitorId: visitor,
      checkoutToken: token,
      orderId: 'gid://shopify/Order/6001',
    });
    await waitFor('pixel event processed', async () => {
      const [row] = await rowsOf(engine.db, 'checkout_visitors', merchantId);
      return row;
    });

    const hook = await sendWebhook({
      address: `${stack.baseUrl}/webhooks`,
      topic: 'orders/paid',
      shop,
      payload: orderWithoutAttributes(6001, token),
      secret: stack.emulator.apiSecret,
    });
    expect(hook.status).toBe(200);
    const referral = await waitFor(
      'referral',
      async () => (await rowsOf(engine.db, 'referrals', merchantId))[0],
    );
    expect(referral).toMatchObject({ advocateId: advocate.advocateId, source: 'link' });
    const decision = await decisionOf(engine.db, merchantId);
    expect(decision?.credited).toBe(true);
    expect(decision?.signals.map((s) => s.signal)).toContainEqual(
      expect.stringContaining(`by visitor ${visitor} (visitor reported by the web pixel at checkout)`),
    );

    // The thank-you page reloaded: the same report again is stored once and changes nothing.
    const before = {
      inbox: (await rowsOf(engine.db, 'inbound_events', merchantId)).length,
      joins: await rowsOf(engine.db, 'checkout_visitors', merchantId),
      decision,
    };
    const event = {
      visitorId: visitor,
      checkoutToken: token,
      orderId: '6001',
      occurredAt: new Date().toISOString(),
    };
    const replay = await postPixel(stack, settings, event);
    expect(replay.status).toBe(202);
    expect(await replay.json()).toEqual({ ok: true, duplicate: true });
    expect((await rowsOf(engine.db, 'inbound_events', merchantId)).length).toBe(before.inbox);
    expect(await rowsOf(engine.db, 'checkout_visitors', merchantId)).toEqual(before.joins);
    expect(await rowsOf(engine.db, 'referrals', merchantId)).toHaveLength(1);
    expect(await decisionOf(engine.db, merchantId)).toEqual(before.decision);
  });

  test('order first (nobody credited), then the pixel: the order is decided again, once', async ({
    engine,
    stack,
  }) => {
    const { shop, merchantId, advocate, settings } = await shopWithAdvocate(engine, stack);
    const visitor = await click(engine, stack, shop, advocate.code ?? '');
    const token = `ct${randomBytes(12).toString('hex')}`;
    const hook = await sendWebhook({
      address: `${stack.baseUrl}/webhooks`,
      topic: 'orders/paid',
      shop,
      payload: orderWithoutAttributes(6002, token),
      secret: stack.emulator.apiSecret,
    });
    expect(hook.status).toBe(200);
    const uncredited = await waitFor('decision', () => decisionOf(engine.db, merchantId));
    expect(uncredited).toMatchObject({ credited: false, rule: 'no_signals' });

    await checkoutCompletes(stack, settings, { visitorId: visitor, checkoutToken: token, orderId: '6002' });
    const referral = await waitFor(
      'referral',
      async () => (await rowsOf(engine.db, 'referrals', merchantId))[0],
    );
    expect(referral).toMatchObject({ advocateId: advocate.advocateId, source: 'link' });
    const decision = await decisionOf(engine.db, merchantId);
    expect(decision?.credited).toBe(true);
    expect(decision?.signals.map((s) => s.signal)).toContainEqual(
      expect.stringContaining(`by visitor ${visitor} (visitor reported by the web pixel at checkout)`),
    );
    expect(decision?.reasons.at(-1)).toMatch(
      /^Decided again after web pixel visitor .* \(no_signals\) credited nobody$/,
    );

    // Replayed: no second referral, the decision stays as it is.
    const event = {
      visitorId: visitor,
      checkoutToken: token,
      orderId: '6002',
      occurredAt: new Date().toISOString(),
    };
    expect(await (await postPixel(stack, settings, event)).json()).toEqual({ ok: true, duplicate: true });
    await waitFor('inbox settled', async () =>
      (await rowsOf(engine.db, 'inbound_events', merchantId)).every((r) => r.status === 'processed'),
    );
    expect(await rowsOf(engine.db, 'referrals', merchantId)).toHaveLength(1);
    expect(await decisionOf(engine.db, merchantId)).toEqual(decision);
  });

  test('a pixel report under another checkout token than the order carries credits nobody', async ({
    engine,
    stack,
  }) => {
    const { shop, merchantId, advocate, settings } = await shopWithAdvocate(engine, stack);
    const visitor = await click(engine, stack, shop, advocate.code ?? '');
    // Someone who knows the order id but not its checkout posts a report for it.
    const event = {
      visitorId: visitor,
      checkoutToken: 'guessed-token-1',
      orderId: '6003',
      occurredAt: new Date().toISOString(),
    };
    expect((await postPixel(stack, settings, event)).status).toBe(202);
    await waitFor('join stored', async () => (await rowsOf(engine.db, 'checkout_visitors', merchantId))[0]);
    await sendWebhook({
      address: `${stack.baseUrl}/webhooks`,
      topic: 'orders/paid',
      shop,
      payload: orderWithoutAttributes(6003, 'the-real-checkout-token'),
      secret: stack.emulator.apiSecret,
    });
    const decision = await waitFor('decision', () => decisionOf(engine.db, merchantId));
    expect(decision).toMatchObject({ credited: false, rule: 'no_signals' });
    expect(await rowsOf(engine.db, 'referrals', merchantId)).toHaveLength(0);
  });
});
