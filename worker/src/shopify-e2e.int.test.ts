// Issue 3's "done": an installed (emulated) shop goes from click to store credit and back on a
// refund, over real HTTP: the real @shopify/shopify-api client against the emulator, the app's
// routes, PostgreSQL, Redis and the worker.
import { randomBytes, randomUUID } from 'node:crypto';
import { enrollAdvocate, findDueRewards, findMerchant, findMerchantByShopDomain } from '@referrals/core';
import { allRowsOf, buildProgram, merchantRowsAsJson, rowsOf } from '@referrals/core/testing';
import { dbTest } from '@referrals/core/testing/fixtures';
import { proxyQuery } from '@referrals/shopify-app/testing';
import { sendWebhook } from '@referrals/shopify-emulator';
import { pino } from 'pino';
import { describe, expect } from 'vitest';
import { type ShopifyStack, startShopifyStack } from './testing/shopify-stack.js';
import { waitFor } from './testing/wait-for.js';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const test = dbTest.extend<{ stack: ShopifyStack }>({
  stack: async ({ engine }, use) => {
    const stack = await startShopifyStack(engine, { redisUrl, logger, queuePrefix: 'e2e' });
    await use(stack);
    await stack.close();
  },
});

function orderPayload(input: {
  id: number;
  customer: { id: string; email: string };
  total: string;
  attributes: Record<string, string>;
}) {
  return {
    id: input.id,
    name: `#${input.id}`,
    email: input.customer.email,
    created_at: new Date().toISOString(),
    processed_at: new Date().toISOString(),
    currency: 'USD',
    total_price: input.total,
    subtotal_price: input.total,
    financial_status: 'paid',
    browser_ip: '203.0.113.7',
    landing_site: '/?ref=x',
    note_attributes: Object.entries(input.attributes).map(([name, value]) => ({ name, value })),
    discount_codes: [],
    customer: {
      id: Number(input.customer.id.split('/').pop()),
      email: input.customer.email,
      orders_count: 1,
    },
  };
}

describe('Shopify app end to end', () => {
  test('install -> enrol -> click -> order -> store credit once -> refund -> claw back', async ({
    engine,
    stack,
  }) => {
    const shop = `e2e-${randomBytes(3).toString('hex')}.myshopify.com`;
    const state = stack.emulator.installApp(shop);
    const hook = (topic: string, payload: unknown, eventId?: string) =>
      sendWebhook({
        address: `${stack.baseUrl}/webhooks`,
        topic,
        shop,
        payload,
        secret: stack.emulator.apiSecret,
        ...(eventId ? { eventId } : {}),
      });

    // Install: the embedded admin's first API call carries an App Bridge session token.
    const shopInfo = await fetch(`${stack.baseUrl}/api/shop`, {
      headers: { authorization: `Bearer ${stack.emulator.sessionToken(shop)}` },
    });
    expect(shopInfo.status).toBe(200);
    expect(await shopInfo.json()).toMatchObject({
      shopDomain: shop,
      status: 'active',
      connection: { status: 'active' },
    });
    const merchant = await findMerchantByShopDomain(engine.db, shop);
    if (!merchant) throw new Error('not installed');
    const [connection] = await rowsOf(engine.db, 'platform_connections', merchant.id);
    const issuedToken = stack.emulator.tokenRequests.length;
    expect(issuedToken).toBe(1);
    // Sealed at rest: no token prefix in the stored bytes.
    expect(connection?.accessTokenEnc.toString('latin1')).not.toContain('shpat_');
    expect(connection?.refreshTokenEnc?.toString('latin1')).not.toContain('shprt_');

    await buildProgram(engine.db, merchant.id, {
      holdDays: 0,
      advocateReward: { kind: 'store_credit', amountMinor: 1500 },
      fraud: { rules: { velocity: { enabled: false } } },
    });
    const advocateCustomer = state.addCustomer({ email: 'ada@example.com', firstName: 'Ada' });
    const advocateId = advocateCustomer.id.split('/').pop() ?? '';
    // The advocate enrols on the storefront (app proxy, signed by Shopify), consenting to the terms.
    const proxied = (path: string) =>
      `${stack.baseUrl}${path}?${proxyQuery(stack.emulator.apiSecret, { shop, customerId: advocateId })}`;
    const form = await (await fetch(proxied('/proxy'))).text();
    const token = /name="token" value="([^"]+)"/.exec(form)?.[1] ?? '';
    const enrolment = await fetch(proxied('/proxy/enroll'), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ consent: 'on', token }).toString(),
    });
    expect(enrolment.status).toBe(303);
    const link = (await (await fetch(proxied('/proxy/link'))).json()) as { code: string; url: string };
    const code = link.code;
    const [advocateRow] = await rowsOf(engine.db, 'advocates', merchant.id);
    const enrolled = { advocateId: advocateRow?.id };

    // The friend clicks the advocate's link and lands on the storefront with the code and a visitor id.
    const click = await fetch(`${stack.baseUrl}/r/${code.toLowerCase()}?shop=${shop}`, {
      redirect: 'manual',
    });
    expect(click.status).toBe(302);
    const landing = new URL(click.headers.get('location') ?? '');
    expect(landing.host).toBe(shop);
    expect(landing.searchParams.get('ref')).toBe(code);
    const visitor = landing.searchParams.get('rv') ?? '';

    // The friend orders; the theme embed put the code and visitor id on the cart.
    const friend = state.addCustomer({ email: 'bob@example.org', firstName: 'Bob' });
    const order = orderPayload({
      id: 5001,
      customer: { id: friend.id, email: 'bob@example.org' },
      total: '120.00',
      attributes: { _referral_code: code, _referral_visitor: visitor },
    });
    const paidEventId = randomUUID();
    expect((await hook('orders/paid', order, paidEventId)).status).toBe(200);
    expect((await hook('orders/paid', order, paidEventId)).status).toBe(200); // Shopify redelivers

    const reward = await waitFor('reward issued', async () => {
      const [r] = await rowsOf(engine.db, 'rewards', merchant.id);
      return r?.status === 'issued' ? r : null;
    });
    const credits = () => state.transactions.filter((t) => t.kind === 'credit');
    expect(credits()).toHaveLength(1);
    expect(credits()[0]).toMatchObject({ amountMinor: 1500, notify: true });
    expect(reward.platformRef).toBe(credits()[0]?.id);
    // Flow triggers fired once each, however often the webhook came.
    await waitFor('flow triggers', async () => state.flowTriggers.length >= 2);
    expect(state.flowTriggers.map((t) => t.handle).sort()).toEqual(['referral-converted', 'reward-issued']);
    expect(state.flowTriggers.find((t) => t.handle === 'reward-issued')?.payload).toMatchObject({
      customer_id: Number(advocateId),
      'Reward amount': 15,
      'Reward currency': 'USD',
      'Recipient role': 'advocate',
    });
    const [clickRow] = await allRowsOf(engine.db, 'clicks', { visitorId: visitor });
    expect(clickRow?.advocateId).toBe(enrolled.advocateId);
    const [decision] = await rowsOf(engine.db, 'attribution_decisions', merchant.id);
    expect(decision).toBeTruthy();

    // A full refund takes the credit back from the advocate's account.
    expect(
      (
        await hook('refunds/create', {
          id: 9001,
          order_id: 5001,
          created_at: new Date().toISOString(),
          transactions: [{ kind: 'refund', status: 'success', amount: '120.00', currency: 'USD' }],
        })
      ).status,
    ).toBe(200);
    await waitFor('claw-back done', async () => {
      const [c] = await rowsOf(engine.db, 'reward_clawbacks', merchant.id, { rewardId: reward.id });
      return c?.status === 'done' ? c : null;
    });
    const debits = state.transactions.filter((t) => t.kind === 'debit');
    expect(debits).toHaveLength(1);
    expect(debits[0]?.amountMinor).toBe(1500);
    expect([...state.accounts.values()].find((a) => a.ownerId === advocateCustomer.id)?.balanceMinor).toBe(0);
    const [after] = await allRowsOf(engine.db, 'rewards', { id: reward.id });
    expect(after?.status).toBe('reversed');
    expect(stack.platform.graphql.throttled).toBe(0);
  });

  test('compliance: data request exported, customer redacted, uninstall stops work, shop/redact purges', async ({
    engine,
    stack,
  }) => {
    const shop = `gdpr-${randomBytes(3).toString('hex')}.myshopify.com`;
    const state = stack.emulator.installApp(shop);
    const merchant = await stack.platform.sessions.install(shop, stack.emulator.sessionToken(shop));
    const hook = (topic: string, payload: unknown, path = '/webhooks/compliance') =>
      sendWebhook({
        address: `${stack.baseUrl}${path}`,
        topic,
        shop,
        payload,
        secret: stack.emulator.apiSecret,
      });
    const { programId } = await buildProgram(engine.db, merchant.id, { holdDays: 30 });
    const advocate = state.addCustomer({ email: 'ada@example.com', firstName: 'Ada' });
    const enrolled = await enrollAdvocate(engine.db, {
      merchantId: merchant.id,
      programId,
      customer: {
        platformCustomerId: advocate.id.split('/').pop() ?? '',
        email: 'ada@example.com',
        firstName: 'Ada',
      },
      consentAt: new Date(),
    });
    const friend = state.addCustomer({ email: 'bob@example.org' });
    const friendId = friend.id.split('/').pop() ?? '';
    const order = orderPayload({
      id: 7001,
      customer: { id: friend.id, email: 'bob@example.org' },
      total: '80.00',
      attributes: { _referral_code: enrolled.code ?? '' },
    });
    expect((await hook('orders/paid', order, '/webhooks')).status).toBe(200);
    await waitFor('reward held', async () => {
      const [r] = await rowsOf(engine.db, 'rewards', merchant.id);
      return r?.status === 'held' ? r : null;
    });

    // customers/data_request -> an export the merchant can fetch from the admin.
    const dataRequest = {
      shop_id: 1,
      shop_domain: shop,
      orders_requested: [7001],
      customer: { id: Number(friendId), email: 'bob@example.org', phone: null },
      data_request: { id: 4242 },
    };
    expect((await hook('customers/data_request', dataRequest)).status).toBe(200);
    const exported = await waitFor('export stored', async () => {
      const [row] = await rowsOf(engine.db, 'privacy_requests', merchant.id);
      return row;
    });
    expect(exported).toMatchObject({ kind: 'customer_data_request', externalId: '4242' });
    expect(JSON.stringify(exported.result)).toContain('bob@example.org');
    const listed = await fetch(`${stack.baseUrl}/api/privacy-requests`, {
      headers: { authorization: `Bearer ${stack.emulator.sessionToken(shop)}` },
    });
    expect(((await listed.json()) as { privacyRequests: unknown[] }).privacyRequests).toHaveLength(1);

    // customers/redact -> no trace of the email anywhere in the merchant's rows, amounts kept.
    const redact = {
      shop_id: 1,
      shop_domain: shop,
      customer: { id: Number(friendId), email: 'bob@example.org' },
      orders_to_redact: [7001],
    };
    expect((await hook('customers/redact', redact)).status).toBe(200);
    await waitFor('redaction done', async () => {
      const rows = await rowsOf(engine.db, 'privacy_requests', merchant.id);
      return rows.some((r) => r.kind === 'customer_redact');
    });
    const dump = await merchantRowsAsJson(engine.db, merchant.id, [
      'orders',
      'customers',
      'inbound_events',
      'privacy_requests',
    ]);
    expect(dump.join('\n')).not.toContain('bob@example.org');
    const [order7001] = await rowsOf(engine.db, 'orders', merchant.id);
    expect(order7001?.totalMinor).toBe(8000);

    // app/uninstalled -> inactive: the held reward is not released by the sweep, no Shopify call.
    expect((await hook('app/uninstalled', { id: 1, myshopify_domain: shop }, '/webhooks')).status).toBe(200);
    await waitFor('uninstalled', async () => {
      const m = await findMerchant(engine.db, merchant.id);
      return m?.status === 'uninstalled';
    });
    expect(await findDueRewards({ ...engine, now: () => new Date(Date.now() + 40 * 86_400_000) })).toEqual(
      [],
    );
    await expect(stack.platform.sessions.session(merchant.id)).rejects.toThrow(/uninstalled/);

    // shop/redact (48 h later) -> every row of the shop is gone; a repeat is acknowledged.
    expect((await hook('shop/redact', { shop_id: 1, shop_domain: shop })).status).toBe(200);
    await waitFor('purged', async () => {
      return (await findMerchant(engine.db, merchant.id)) === null;
    });
    expect(await rowsOf(engine.db, 'rewards', merchant.id)).toEqual([]);
    const again = await hook('shop/redact', { shop_id: 1, shop_domain: shop });
    expect(again.status).toBe(200);
  });
});
