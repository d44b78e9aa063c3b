// Issue 10, point 5: every active advocate code is redeemable at Shopify checkout. Over the public
// paths only: the advocate enrols on the storefront (signed app proxy), staff disable, rotate and
// publish in the admin API (App Bridge session tokens), the worker syncs through the real
// @shopify/shopify-api client against the emulator, and the test asks the emulator's Admin GraphQL
// (validated against the real 2026-10 schema) what a checkout would find for each code.
import { randomBytes } from 'node:crypto';
import { describeCheckoutSync, findMerchantByShopDomain } from '@referrals/core';
import { rowsOf } from '@referrals/core/testing';
import { dbTest } from '@referrals/core/testing/fixtures';
import { proxyQuery } from '@referrals/shopify-app/testing';
import { type ShopState, sendWebhook } from '@referrals/shopify-emulator';
import { pino } from 'pino';
import { describe, expect } from 'vitest';
import { type ShopifyStack, startShopifyStack } from './testing/shopify-stack.js';
import { waitFor } from './testing/wait-for.js';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const test = dbTest.extend<{ stack: ShopifyStack }>({
  stack: async ({ engine }, use) => {
    const stack = await startShopifyStack(engine, { redisUrl, logger, queuePrefix: 'checkout-codes' });
    await use(stack);
    await stack.close();
  },
});

// biome-ignore lint/suspicious/noExplicitAny: GraphQL and admin answers are read field by field.
type Json = any;

const BY_CODE = `query($code: String!) {
  codeDiscountNodeByCode(code: $code) {
    id
    metafield(namespace: "$app:referrals", key: "function-configuration") { value }
    codeDiscount { __typename ... on DiscountCodeApp { title status combinesWith { orderDiscounts productDiscounts shippingDiscounts } } }
  }
}`;
const DISCOUNT = `query($id: ID!) { codeDiscountNode(id: $id) { codeDiscount { ... on DiscountCodeApp { status } } } }`;
const AUTOMATIC = `{ automaticDiscountNodes(first: 10, query: "tag:referrals") {
  nodes { id metafield(namespace: "$app:referrals", key: "function-configuration") { value }
    automaticDiscount { ... on DiscountAutomaticApp { status } } } } }`;
const ADVOCATE_CODES = `query($id: ID!) {
  customer(id: $id) { metafield(namespace: "$app:referrals", key: "advocate_codes") { value } }
}`;

/** An installed shop, its admin API, its storefront proxy and a read-only look at its Admin GraphQL. */
async function installedShop(stack: ShopifyStack, engine: { db: import('@referrals/core').Database }) {
  const shop = `codes-${randomBytes(3).toString('hex')}.myshopify.com`;
  const state = stack.emulator.installApp(shop);
  const admin = async (method: string, path: string, body?: unknown): Promise<Json> => {
    const res = await fetch(`${stack.baseUrl}/api${path}`, {
      method,
      headers: {
        authorization: `Bearer ${stack.emulator.sessionToken(shop)}`,
        'content-type': 'application/json',
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(res.status, `${method} ${path}`).toBeLessThan(300);
    return res.json();
  };
  await admin('GET', '/shop'); // installs the shop (token exchange)
  const merchant = await findMerchantByShopDomain(engine.db, shop);
  if (!merchant) throw new Error('not installed');
  // A second token of the same installed app: how the test reads what Shopify would answer.
  const token = `shpat_test_${randomBytes(4).toString('hex')}`;
  stack.emulator.addShop(shop, token);
  const graphql = async (query: string, variables: Record<string, unknown> = {}): Promise<Json> => {
    const res = await fetch(`${stack.emulator.url}${stack.emulator.graphqlPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-access-token': token },
      body: JSON.stringify({ query, variables }),
    });
    const json = (await res.json()) as Json;
    expect(json.errors).toBeUndefined();
    return json.data;
  };
  return { shop, state, merchantId: merchant.id, admin, graphql };
}

/** The advocate enrols on the storefront (signed app proxy) and reads their code. */
async function enrolOnStorefront(stack: ShopifyStack, shop: string, state: ShopState, email: string) {
  const customer = state.addCustomer({ email, firstName: email.split('@')[0] ?? null });
  const customerId = customer.id.split('/').pop() ?? '';
  const proxied = (path: string) =>
    `${stack.baseUrl}${path}?${proxyQuery(stack.emulator.apiSecret, { shop, customerId })}`;
  const form = await (await fetch(proxied('/proxy'))).text();
  const token = /name="token" value="([^"]+)"/.exec(form)?.[1] ?? '';
  const enrolment = await fetch(proxied('/proxy/enroll'), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ consent: 'on', token }).toString(),
  });
  expect(enrolment.status).toBe(303);
  const link = (await (await fetch(proxied('/proxy/link'))).json()) as { code: string };
  return { code: link.code, customerGid: customer.id };
}

const programRules = (friendBps: number) => ({
  advocateReward: { kind: 'store_credit', amountMinor: 1000 },
  friendReward: { kind: 'percent_discount', bps: friendBps },
  tiers: [],
  eligibility: {
    newCustomersOnly: true,
    minimumOrderMinor: 2500,
    attributionWindowDays: 30,
    attributionModel: 'last_touch',
  },
  holdDays: 0,
  caps: {},
  fraud: { reviewAt: 50, rejectAt: 80, rules: {} },
});

describe('advocate codes at Shopify checkout', () => {
  test("an enrolled advocate's code becomes a redeem code of the programme's code discount; disable and rotate take it off", async ({
    engine,
    stack,
  }) => {
    const { shop, state, admin, graphql } = await installedShop(stack, engine);
    const { programId } = await admin('POST', '/programs', { name: 'Give 15%', rules: programRules(1500) });
    const ada = await enrolOnStorefront(stack, shop, state, 'ada@example.com');

    const node = await waitFor(
      'the code at checkout',
      async () => (await graphql(BY_CODE, { code: ada.code.toLowerCase() })).codeDiscountNodeByCode,
    );
    expect(node.codeDiscount).toEqual({
      __typename: 'DiscountCodeApp',
      title: 'Referral: 15% off your first order of $25.00 or more',
      status: 'ACTIVE',
      combinesWith: { orderDiscounts: false, productDiscounts: false, shippingDiscounts: true },
    });
    const config = JSON.parse(node.metafield.value);
    expect(config).toMatchObject({
      v: 1,
      mode: 'code',
      offer: { kind: 'percent_discount', bps: 1500 },
      minimumSubtotalMinor: 2500,
      newCustomersOnly: true,
      currency: 'USD',
    });
    const { program } = await admin('GET', `/programs/${programId}`);
    expect(config.programVersionId).toBe(program.current.id);
    // The automatic discount for signed referral attributes, with the shop's signature key.
    const automatic = (await graphql(AUTOMATIC)).automaticDiscountNodes.nodes;
    expect(automatic).toHaveLength(1);
    expect(JSON.parse(automatic[0].metafield.value)).toMatchObject({
      mode: 'automatic',
      signatureKey: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // The admin's settings say so: the code works at checkout, the link discount is on.
    const { checkoutCodes } = await waitFor('settings show the code', async () => {
      const settings = await admin('GET', '/settings');
      return settings.checkoutCodes.codesPlaced === 1 ? settings : null;
    });
    expect(checkoutCodes).toMatchObject({
      codeDiscountActive: true,
      automaticDiscountActive: true,
      failures: 0,
      lastError: null,
      failingCodeCount: 0,
      lastSyncedAt: expect.any(String),
    });
    // The advocate's own codes on their customer: the function gives them nothing.
    await waitFor(
      'the advocate codes metafield',
      async () =>
        (await graphql(ADVOCATE_CODES, { id: ada.customerGid })).customer.metafield?.value ===
        JSON.stringify([ada.code]),
    );

    // Staff rotate the code (it leaked): the old one stops working at checkout, the new one works.
    const { advocates } = await admin('GET', '/advocates');
    const advocateId = advocates[0].id;
    const rotated = await admin('POST', `/advocates/${advocateId}/code/rotate`, { code: ada.code });
    await waitFor(
      'the rotated code at checkout',
      async () => (await graphql(BY_CODE, { code: rotated.code })).codeDiscountNodeByCode,
    );
    expect((await graphql(BY_CODE, { code: ada.code })).codeDiscountNodeByCode).toBeNull();
    await waitFor(
      'the rotated metafield',
      async () =>
        (await graphql(ADVOCATE_CODES, { id: ada.customerGid })).customer.metafield?.value ===
        JSON.stringify([rotated.code]),
    );

    // Disabled without a replacement: no code of theirs works any more.
    await admin('POST', `/advocates/${advocateId}/code/disable`, { code: rotated.code });
    await waitFor(
      'the disabled code gone from checkout',
      async () => (await graphql(BY_CODE, { code: rotated.code })).codeDiscountNodeByCode === null,
    );
  });

  test('publishing a new version moves every code to its discount and ends the old ones', async ({
    engine,
    stack,
  }) => {
    const { shop, state, admin, graphql } = await installedShop(stack, engine);
    const { programId } = await admin('POST', '/programs', { name: 'Give 15%', rules: programRules(1500) });
    const ada = await enrolOnStorefront(stack, shop, state, 'ada@example.com');
    const bo = await enrolOnStorefront(stack, shop, state, 'bo@example.com');
    const v1 = await waitFor('both codes on v1', async () => {
      const [a, b] = [
        (await graphql(BY_CODE, { code: ada.code })).codeDiscountNodeByCode,
        (await graphql(BY_CODE, { code: bo.code })).codeDiscountNodeByCode,
      ];
      return a && b && a.id === b.id ? a.id : null;
    });

    await admin('POST', `/programs/${programId}/versions`, { rules: programRules(2000) });
    const moved = await waitFor('both codes on v2', async () => {
      const [a, b] = [
        (await graphql(BY_CODE, { code: ada.code })).codeDiscountNodeByCode,
        (await graphql(BY_CODE, { code: bo.code })).codeDiscountNodeByCode,
      ];
      return a && b && a.id === b.id && a.id !== v1 ? a : null;
    });
    expect(JSON.parse(moved.metafield.value).offer).toEqual({ kind: 'percent_discount', bps: 2000 });
    expect(moved.codeDiscount.title).toBe('Referral: 20% off your first order of $25.00 or more');
    await waitFor('the v1 discounts ended', async () => {
      const old = (await graphql(DISCOUNT, { id: v1 })).codeDiscountNode.codeDiscount.status;
      const autos = (await graphql(AUTOMATIC)).automaticDiscountNodes.nodes
        .map((n: Json) => n.automaticDiscount.status)
        .sort();
      return old === 'EXPIRED' && JSON.stringify(autos) === '["ACTIVE","EXPIRED"]';
    });
    expect(state.appDiscounts.get(v1)?.codes.size).toBe(0);
  });

  test('suspending the advocate takes their code off; pausing the programme ends its discounts, resuming makes them again', async ({
    engine,
    stack,
  }) => {
    const { shop, state, admin, graphql } = await installedShop(stack, engine);
    const { programId } = await admin('POST', '/programs', { name: 'Give 15%', rules: programRules(1500) });
    const ada = await enrolOnStorefront(stack, shop, state, 'ada@example.com');
    const bo = await enrolOnStorefront(stack, shop, state, 'bo@example.com');
    const id = await waitFor('both codes at checkout', async () => {
      const [a, b] = [
        (await graphql(BY_CODE, { code: ada.code })).codeDiscountNodeByCode,
        (await graphql(BY_CODE, { code: bo.code })).codeDiscountNodeByCode,
      ];
      return a && b && a.id;
    });
    const { advocates } = await admin('GET', '/advocates');
    const adaId = advocates.find((a: Json) => a.code === ada.code)?.id;
    await admin('POST', `/advocates/${adaId}/status`, { status: 'suspended' });
    await waitFor(
      "the suspended advocate's code gone",
      async () => (await graphql(BY_CODE, { code: ada.code })).codeDiscountNodeByCode === null,
    );
    expect((await graphql(BY_CODE, { code: bo.code })).codeDiscountNodeByCode.id).toBe(id);

    await admin('POST', `/programs/${programId}/status`, { status: 'paused' });
    await waitFor('the paused programme ends its discounts', async () => {
      const code = (await graphql(DISCOUNT, { id })).codeDiscountNode.codeDiscount.status;
      const autos = (await graphql(AUTOMATIC)).automaticDiscountNodes.nodes.map(
        (n: Json) => n.automaticDiscount.status,
      );
      return code === 'EXPIRED' && autos.every((s: string) => s === 'EXPIRED');
    });
    expect((await graphql(BY_CODE, { code: bo.code })).codeDiscountNodeByCode).toBeNull();

    // Resumed: the version's discounts are made again and the active advocate's code is back.
    await admin('POST', `/programs/${programId}/status`, { status: 'active' });
    const again = await waitFor(
      'the resumed programme at checkout',
      async () => (await graphql(BY_CODE, { code: bo.code })).codeDiscountNodeByCode,
    );
    expect(again.id).not.toBe(id);
    expect(again.codeDiscount.status).toBe('ACTIVE');
    expect((await graphql(BY_CODE, { code: ada.code })).codeDiscountNodeByCode).toBeNull();
  });

  test('the reconcile puts back a code deleted behind our back and removes one that is not ours', async ({
    engine,
    stack,
  }) => {
    const { shop, state, admin, graphql } = await installedShop(stack, engine);
    await admin('POST', '/programs', { name: 'Give 15%', rules: programRules(1500) });
    const ada = await enrolOnStorefront(stack, shop, state, 'ada@example.com');
    const id = await waitFor(
      'the code at checkout',
      async () => (await graphql(BY_CODE, { code: ada.code })).codeDiscountNodeByCode?.id,
    );
    const discount = state.appDiscounts.get(id);
    if (!discount) throw new Error('no discount');
    // Someone deletes the advocate's code in Shopify's admin and adds one of their own.
    discount.codes.delete(ada.code);
    discount.codes.set('FREEFORALL', { id: state.nextGid('DiscountRedeemCode'), code: 'FREEFORALL' });
    expect((await graphql(BY_CODE, { code: ada.code })).codeDiscountNodeByCode).toBeNull();

    await stack.worker.queues.scheduled.add('reconcile-checkout-codes', {});
    await waitFor('the code back and the stranger gone', async () => {
      const back = (await graphql(BY_CODE, { code: ada.code })).codeDiscountNodeByCode?.id === id;
      const stranger = (await graphql(BY_CODE, { code: 'FREEFORALL' })).codeDiscountNodeByCode;
      return back && stranger === null;
    });
  });

  test("a code Shopify refuses (the merchant's own discount took it) keeps why; so does an advocate whose customer is gone", async ({
    engine,
    stack,
  }) => {
    const { shop, state, merchantId, admin, graphql } = await installedShop(stack, engine);
    await admin('POST', '/programs', { name: 'Give 15%', rules: programRules(1500) });
    const ada = await enrolOnStorefront(stack, shop, state, 'ada@example.com');
    const id = await waitFor(
      'the code at checkout',
      async () => (await graphql(BY_CODE, { code: ada.code })).codeDiscountNodeByCode?.id,
    );
    await waitFor(
      'the first run done',
      async () => (await describeCheckoutSync(engine.db, merchantId)).lastSyncedAt,
    );
    // In Shopify's admin someone deletes the advocate's redeem code and makes a discount of their own with it.
    state.appDiscounts.get(id)?.codes.delete(ada.code);
    const { discountCodeBasicCreate } = await graphql(
      `mutation($d: DiscountCodeBasicInput!) { discountCodeBasicCreate(basicCodeDiscount: $d) { userErrors { code } } }`,
      {
        d: {
          title: 'Own',
          code: ada.code,
          context: { all: 'ALL' },
          customerGets: { value: { percentage: 0.5 }, items: { all: true } },
        },
      },
    );
    expect(discountCodeBasicCreate.userErrors).toEqual([]);
    // ...and deletes the advocate's Shopify customer.
    state.customers.delete(ada.customerGid);

    await stack.worker.queues.scheduled.add('reconcile-checkout-codes', {});
    const described = await waitFor('the refusal recorded', async () => {
      const d = await describeCheckoutSync(engine.db, merchantId);
      return d.lastReconciledAt && d.failingCodes.length > 0 && d;
    });
    expect(described.failingCodes).toEqual([{ code: ada.code, attempts: 1 }]);
    expect(described.failures).toBe(0);
    expect(described.lastError).toContain('2 refused by the platform');
    expect(described.lastError).toContain(`${ada.code}: Another discount of the shop already has this code`);
    expect(described.lastError).toContain('Owner does not exist');
    expect((await rowsOf(engine.db, 'checkout_codes', merchantId))[0]).toMatchObject({
      discountId: null,
      attempts: 1,
      lastError: expect.stringContaining('Code must be unique'),
    });
  });

  test('a friend who never clicked types the code at checkout: the offer applies and the advocate is credited with source code', async ({
    engine,
    stack,
  }) => {
    const { shop, state, merchantId, admin, graphql } = await installedShop(stack, engine);
    await admin('POST', '/programs', { name: 'Give 15%', rules: programRules(1500) });
    const ada = await enrolOnStorefront(stack, shop, state, 'ada@example.com');
    await waitFor(
      'the code at checkout',
      async () => (await graphql(BY_CODE, { code: ada.code })).codeDiscountNodeByCode,
    );

    // A guest with no cookie, no link, no cart attribute: only the code, typed in lower case.
    const checkout = stack.emulator.checkout(shop, {
      lines: [{ title: 'Jacket', price: '60.00' }],
      email: 'fran@example.com',
      discountCode: ada.code.toLowerCase(),
    });
    if (!checkout.ok) throw new Error(`checkout refused: ${checkout.error}`);
    expect(checkout.subtotalMinor).toBe(6000);
    expect(checkout.totalMinor).toBe(5100);
    expect(checkout.discounts).toMatchObject([{ method: 'code', code: ada.code }]);

    const delivered = await sendWebhook({
      address: `${stack.baseUrl}/webhooks`,
      topic: 'orders/paid',
      shop,
      payload: checkout.webhookPayload,
      secret: stack.emulator.apiSecret,
    });
    expect(delivered.status).toBe(200);
    const referral = await waitFor(
      'the referral',
      async () => (await rowsOf(engine.db, 'referrals', merchantId))[0],
    );
    const [advocate] = await rowsOf(engine.db, 'advocates', merchantId);
    expect(referral).toMatchObject({ source: 'code', advocateId: advocate?.id });
  });
});
