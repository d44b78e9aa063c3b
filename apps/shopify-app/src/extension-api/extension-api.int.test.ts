// The checkout and customer account extensions' API over real HTTP through createShopifyApp, on
// real PostgreSQL and the Shopify emulator: session tokens minted as Shopify mints them (HS256 with
// the app secret, aud = client id, dest = the shop, sub = the customer's GID or absent for a guest).
import { enrollAdvocate } from '@referrals/core';
import { buildProgram, deliver, orderFacts, rowsOf } from '@referrals/core/testing';
import { describe, expect } from 'vitest';
import { startReferralBlock } from '../../extensions/referral-thank-you/src/controller.js';
import type { ViewNode } from '../../extensions/referral-thank-you/src/views.js';
import { adminApiTest } from '../testing/admin-api.js';
import { referralSummarySchema } from './contract.js';

// The admin API tests' fixture: a fresh database, the emulator-backed platform and the whole app.
const test = adminApiTest;

const customerGid = (id: string) => `gid://shopify/Customer/${id}`;

function call(baseUrl: string, token: string | undefined, init: { method?: string; body?: unknown } = {}) {
  const path = init.method === 'POST' ? '/extensions/referrals/enroll' : '/extensions/referrals';
  return fetch(`${baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      origin: 'https://extensions.shopifycdn.com',
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
}

async function summaryOf(res: Response) {
  return referralSummarySchema.parse(await res.json());
}

describe('extension API authentication', () => {
  test('no, forged, foreign-audience or expired tokens, and uninstalled shops, get 401 and enrol nobody', async ({
    fx,
    baseUrl,
    database,
  }) => {
    const { shop, merchantId } = await fx.installShop();
    await buildProgram(database.db, merchantId);
    const sub = customerGid('501');
    for (const token of [
      undefined,
      'not-a-jwt',
      fx.emulator.sessionToken(shop, { userId: sub, secret: 'someone-elses-secret' }),
      fx.emulator.sessionToken(shop, { userId: sub, apiKey: 'another-app' }),
      fx.emulator.sessionToken(shop, { userId: sub, expiresInSeconds: -120 }),
      fx.emulator.sessionToken('never-installed.myshopify.com', { userId: sub }),
    ]) {
      expect((await call(baseUrl, token)).status).toBe(401);
      const post = await call(baseUrl, token, { method: 'POST', body: { consent: true } });
      expect(post.status).toBe(401);
      expect(post.headers.get('access-control-allow-origin')).toBe('*');
    }
    expect(await rowsOf(database.db, 'advocates', merchantId)).toHaveLength(0);
  });

  test('the CORS preflight from the extension sandbox is answered without a token', async ({ baseUrl }) => {
    const res = await fetch(`${baseUrl}/extensions/referrals/enroll`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://extensions.shopifycdn.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
  });
});

describe('referral summary and enrolment', () => {
  test('a logged-in customer who has not joined sees the offer, enrols once with consent and gets a link', async ({
    fx,
    baseUrl,
    database,
  }) => {
    const { shop, merchantId, state } = await fx.installShop();
    await buildProgram(database.db, merchantId);
    state.addCustomer({ id: customerGid('7001'), email: 'ada@example.com', firstName: 'Ada' });
    const token = fx.emulator.sessionToken(shop, { userId: customerGid('7001') });

    const before = await summaryOf(await call(baseUrl, token));
    expect(before).toEqual({
      state: 'not_enrolled',
      offer: {
        headline: 'Share and give 15% off',
        friend: 'Your friend gets 15% off their first order.',
        advocate: 'You get $10.00 in store credit for each friend who places their first order.',
        gift: '15% off your first order',
      },
    });

    for (const body of [{}, { consent: false }, { consent: 'on' }]) {
      const refused = await call(baseUrl, token, { method: 'POST', body });
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ error: 'CONSENT_REQUIRED' });
    }
    expect(await rowsOf(database.db, 'advocates', merchantId)).toHaveLength(0);

    const joined = await call(baseUrl, token, { method: 'POST', body: { consent: true } });
    expect(joined.status).toBe(201);
    const advocate = await summaryOf(joined);
    if (advocate.state !== 'advocate') throw new Error(`expected an advocate, got ${advocate.state}`);
    expect(advocate.code).toMatch(/^[A-Za-z0-9_-]{3,32}$/);
    expect(advocate.link).toBe(`http://127.0.0.1/r/${advocate.code}?shop=${shop}`);
    expect(advocate).toMatchObject({
      referrals: [],
      rewards: [],
      offer: before.state === 'not_enrolled' ? before.offer : {},
    });

    // Idempotent: a second tap (or a retry) returns the same advocate and code.
    const again = await call(baseUrl, token, { method: 'POST', body: { consent: true } });
    expect(again.status).toBe(200);
    expect(await summaryOf(again)).toMatchObject({ state: 'advocate', code: advocate.code });
    expect(await summaryOf(await call(baseUrl, token))).toMatchObject({
      state: 'advocate',
      link: advocate.link,
    });

    const advocates = await rowsOf(database.db, 'advocates', merchantId);
    expect(advocates).toHaveLength(1);
    const [customer] = await rowsOf(database.db, 'customers', merchantId);
    // The id comes from the token's sub; the email from Shopify, not from the request.
    expect(customer).toMatchObject({ platformCustomerId: '7001', email: 'ada@example.com' });
  });

  test("an advocate's summary lists the friend (masked) and the held reward, with totals", async ({
    fx,
    baseUrl,
    database,
    engine,
  }) => {
    const { shop, merchantId } = await fx.installShop();
    const { programId } = await buildProgram(database.db, merchantId);
    const advocate = await enrollAdvocate(database.db, {
      merchantId,
      programId,
      customer: { platformCustomerId: '7300', email: 'ada@example.com', firstName: 'Ada' },
      consentAt: new Date(),
    });
    const order = orderFacts({ referralCode: advocate.code!, customer: { email: 'Bob.Smith@example.org' } });
    expect(await deliver(engine, merchantId, { type: 'OrderPaid', ...order })).toEqual({
      status: 'processed',
    });

    const summary = await summaryOf(
      await call(baseUrl, fx.emulator.sessionToken(shop, { userId: customerGid('7300') })),
    );
    expect(summary).toMatchObject({
      state: 'advocate',
      code: advocate.code,
      referrals: [{ friend: 'b***@example.org', status: 'Approved' }],
      rewards: [{ description: '$10.00 store credit', status: 'Pending' }],
      totals: [{ earned: '$0.00', pending: '$10.00' }],
    });
  });

  test('a guest (no sub) sees the offer and where to join, and cannot enrol through the API', async ({
    fx,
    baseUrl,
    database,
  }) => {
    const { shop, merchantId } = await fx.installShop();
    await buildProgram(database.db, merchantId);
    // An admin token's sub is a staff id, not a customer: it names nobody either.
    for (const token of [fx.emulator.sessionToken(shop, { userId: '' }), fx.emulator.sessionToken(shop)]) {
      const summary = await summaryOf(await call(baseUrl, token));
      expect(summary).toMatchObject({
        state: 'guest',
        offer: { headline: 'Share and give 15% off' },
        joinUrl: `https://${shop}/apps/referrals`,
      });
      const post = await call(baseUrl, token, { method: 'POST', body: { consent: true } });
      expect(post.status).toBe(403);
      expect(await post.json()).toMatchObject({ error: 'LOGIN_REQUIRED' });
    }
    expect(await rowsOf(database.db, 'advocates', merchantId)).toHaveLength(0);
  });

  test('a shop without a programme says so and refuses enrolment', async ({ fx, baseUrl, database }) => {
    const { shop, merchantId } = await fx.installShop();
    const token = fx.emulator.sessionToken(shop, { userId: customerGid('42') });
    expect(await summaryOf(await call(baseUrl, token))).toEqual({ state: 'no_program' });
    expect((await call(baseUrl, token, { method: 'POST', body: { consent: true } })).status).toBe(409);
    expect(await rowsOf(database.db, 'advocates', merchantId)).toHaveLength(0);
  });

  test("one shop's token never reads or enrols another shop's customer", async ({
    fx,
    baseUrl,
    database,
  }) => {
    const a = await fx.installShop();
    const b = await fx.installShop();
    await buildProgram(database.db, a.merchantId);
    await buildProgram(database.db, b.merchantId);
    const sub = customerGid('900');
    const joined = await call(baseUrl, fx.emulator.sessionToken(a.shop, { userId: sub }), {
      method: 'POST',
      body: { consent: true },
    });
    expect(joined.status).toBe(201);
    // The same customer id on shop B is someone else: not enrolled there.
    const other = await summaryOf(await call(baseUrl, fx.emulator.sessionToken(b.shop, { userId: sub })));
    expect(other.state).toBe('not_enrolled');
    expect(await rowsOf(database.db, 'advocates', b.merchantId)).toHaveLength(0);
  });
});

/** Every node of a drawn tree, depth first. */
const nodes = (node: ViewNode): ViewNode[] => [node, ...(node.children ?? []).flatMap(nodes)];

describe('the extension blocks over the API', () => {
  test('a buyer who has not joined ticks consent, taps join, and the block redraws with their link', async ({
    fx,
    baseUrl,
    database,
  }) => {
    const { shop, merchantId } = await fx.installShop();
    await buildProgram(database.db, merchantId);
    const drawn: ViewNode[] = [];
    const block = await startReferralBlock(
      'thank-you',
      {
        appUrl: baseUrl,
        sessionToken: async () => fx.emulator.sessionToken(shop, { userId: customerGid('8100') }),
        fetch: (url, init) => fetch(url, init),
      },
      (node) => drawn.push(node),
    );
    expect(block.state()).toMatchObject({
      kind: 'ready',
      summary: { state: 'not_enrolled' },
      consent: false,
    });

    // The join button does nothing until the box is ticked, whatever calls it.
    await block.act('enroll');
    expect(await rowsOf(database.db, 'advocates', merchantId)).toHaveLength(0);

    await block.act('toggle-consent', true);
    await block.act('enroll');
    const state = block.state();
    if (state.kind !== 'ready' || state.summary.state !== 'advocate') throw new Error('expected an advocate');
    expect(state.summary.link).toBe(`http://127.0.0.1/r/${state.summary.code}?shop=${shop}`);
    const last = drawn.at(-1)!;
    expect(nodes(last).find((n) => n.tag === 's-clipboard-item')?.props).toMatchObject({
      text: state.summary.link,
    });
    // Drawn states: loading, the form, ticked, joining (busy), the link.
    expect(drawn.map((n) => nodes(n).some((c) => c.tag === 's-skeleton-paragraph'))).toEqual([
      true,
      false,
      false,
      false,
      false,
    ]);
    expect(await rowsOf(database.db, 'advocates', merchantId)).toHaveLength(1);
  });

  test('a refused token shows "try again"; a retry with a fresh token loads the summary', async ({
    fx,
    baseUrl,
    database,
  }) => {
    const { shop, merchantId } = await fx.installShop();
    await buildProgram(database.db, merchantId);
    let expired = true;
    const block = await startReferralBlock(
      'account-page',
      {
        appUrl: baseUrl,
        sessionToken: async () =>
          fx.emulator.sessionToken(shop, {
            userId: customerGid('8200'),
            expiresInSeconds: expired ? -120 : 60,
          }),
        fetch: (url, init) => fetch(url, init),
      },
      () => {},
    );
    expect(block.state()).toEqual({
      kind: 'error',
      error: { message: 'Your referral link is not available right now.', retry: true },
    });
    expired = false;
    await block.act('retry');
    expect(block.state()).toMatchObject({ kind: 'ready', summary: { state: 'not_enrolled' } });
  });
});
