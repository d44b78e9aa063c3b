// The friend offer at the emulator's checkout with the real Discount Function: the app discounts
// are created over the emulator's Admin GraphQL (validated against the 2026-10 schema) with the
// configuration the app builds, a friend follows the advocate's link (the app's GET /r/:code gives
// rs) or types the code, the function decides, and the order's signed webhook reaches the app's inbox.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ClickWriter } from '@referrals/core';
import { buildAdvocate, buildMerchant, buildProgram, rowsOf } from '@referrals/core/testing';
import { dbTest } from '@referrals/core/testing/fixtures';
import {
  NOT_APPLICABLE_MESSAGE,
  type ShopifyEmulator,
  sendWebhook,
  startShopifyEmulator,
} from '@referrals/shopify-emulator';
import { pino } from 'pino';
import { expect, vi } from 'vitest';
import { OWN_CODE_MESSAGE } from '../../extensions/friend-offer-discount/src/index.js';
import { createShopifyApp } from '../server.js';
import { createShopifyPlatform } from '../shopify/platform.js';
import { topicSchemas } from '../webhooks/payloads.js';
import { appFunctions } from './friend-offer-function.js';
import {
  ADVOCATE_CODES_METAFIELD,
  buildFunctionConfig,
  FRIEND_OFFER_FUNCTION_HANDLE,
  FUNCTION_CONFIG_METAFIELD,
  serializeFunctionConfig,
} from './function-config.js';
import { deriveSignatureKey } from './referral-signature.js';

const TOKEN = 'shpat_friend_offer';
const logger = pino({ level: 'silent' });
const eligibility = {
  newCustomersOnly: true,
  minimumOrderMinor: 5000,
  attributionWindowDays: 30,
  attributionModel: 'last_touch' as const,
};

// biome-ignore lint/suspicious/noExplicitAny: GraphQL responses are read field by field in assertions.
type Json = any;
type Stack = {
  emulator: ShopifyEmulator;
  gql: (query: string, variables: Record<string, unknown>) => Promise<Json>;
  /** The app's server secret: the link signs with it, the automatic discount's key derives from it. */
  secret: Buffer;
};
const test = dbTest.extend<{ stack: Stack }>({
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads a fixture's dependencies from this pattern.
  stack: async ({}, use) => {
    const emulator = await startShopifyEmulator({ functions: appFunctions() });
    const secret = randomBytes(32);
    const gql = async (query: string, variables: Record<string, unknown>) => {
      const res = await fetch(`${emulator.url}${emulator.graphqlPath}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopify-access-token': TOKEN },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: Json; errors?: unknown };
      expect(body.errors).toBeUndefined();
      return body.data!;
    };
    await use({ emulator, gql, secret });
    await emulator.close();
  },
});

const CREATE_CODE = `mutation CreateCode($discount: DiscountCodeAppInput!) {
  discountCodeAppCreate(codeAppDiscount: $discount) { codeAppDiscount { discountId } userErrors { field message } }
}`;
const CREATE_AUTOMATIC = `mutation CreateAutomatic($discount: DiscountAutomaticAppInput!) {
  discountAutomaticAppCreate(automaticAppDiscount: $discount) { automaticAppDiscount { discountId } userErrors { field message } }
}`;
const SET_METAFIELDS = `mutation Set($metafields: [MetafieldsSetInput!]!) {
  metafieldsSet(metafields: $metafields) { metafields { key } userErrors { field message } }
}`;

/** A shop with the programme's two app discounts, created as the app's discount sync would. */
async function seed(engine: { db: Parameters<typeof buildMerchant>[0] }, stack: Stack) {
  const merchant = await buildMerchant(engine.db);
  const shop = merchant.shopDomain!;
  const state = stack.emulator.addShop(shop, TOKEN);
  const { programId, versionId } = await buildProgram(engine.db, merchant.id, { eligibility });
  const advocate = await buildAdvocate(engine.db, merchant.id, programId, 'anna@example.com');
  const rules = { friendReward: { kind: 'percent_discount' as const, bps: 1500 }, eligibility };
  const metafield = (mode: 'code' | 'automatic') => ({
    ...FUNCTION_CONFIG_METAFIELD,
    value: serializeFunctionConfig(
      buildFunctionConfig({
        mode,
        programVersionId: versionId,
        rules,
        currency: 'USD',
        signatureKey: deriveSignatureKey(stack.secret, merchant.id),
      })!,
    ),
  });
  const common = {
    functionHandle: FRIEND_OFFER_FUNCTION_HANDLE,
    discountClasses: ['ORDER'],
    combinesWith: { orderDiscounts: false, productDiscounts: false, shippingDiscounts: true },
    startsAt: '2026-01-01T00:00:00Z',
  };
  const code = await stack.gql(CREATE_CODE, {
    discount: {
      ...common,
      title: 'Referral friend offer',
      code: advocate.code,
      metafields: [metafield('code')],
    },
  });
  expect(code.discountCodeAppCreate.userErrors).toEqual([]);
  const automatic = await stack.gql(CREATE_AUTOMATIC, {
    discount: { ...common, title: 'Referral friend offer (link)', metafields: [metafield('automatic')] },
  });
  expect(automatic.discountAutomaticAppCreate.userErrors).toEqual([]);
  // The advocate's own codes on their Shopify customer.
  const annaCustomer = state.addCustomer({ email: 'anna@example.com', numberOfOrders: 3 });
  const set = await stack.gql(SET_METAFIELDS, {
    metafields: [
      { ...ADVOCATE_CODES_METAFIELD, ownerId: annaCustomer.id, value: JSON.stringify([advocate.code]) },
    ],
  });
  expect(set.metafieldsSet.userErrors).toEqual([]);
  return { merchant, shop, state, advocate, annaCustomer };
}

const cart = [{ title: 'Jacket', price: '60.00' }];

test('a friend who types the code gets the offer; the signed order webhook reaches the app with the code', async ({
  engine,
  stack,
}) => {
  const { merchant, shop, advocate } = await seed(engine, stack);
  // The automatic discount also runs, and logs that this cart carries no signed referral.
  const logs = vi.spyOn(console, 'error').mockImplementation(() => {});
  const result = stack.emulator.checkout(shop, {
    lines: cart,
    email: 'fran@example.com',
    discountCode: advocate.code.toLowerCase(),
  });
  logs.mockRestore();
  expect(result.ok).toBe(true);
  if (!result.ok) return;
  expect(result.functionRuns.map((r) => r.error)).toEqual([null, null]);
  expect(result).toMatchObject({
    subtotalMinor: 6000,
    totalMinor: 5100,
    codeNotApplied: null,
    discounts: [
      {
        method: 'code',
        code: advocate.code,
        message: 'Referral: 15% off your first order of $50.00 or more',
      },
    ],
  });

  // The payload is one the app accepts, and Shopify's signature gets it into the inbox.
  expect(topicSchemas['orders/paid'].safeParse(result.webhookPayload).success).toBe(true);
  const server = createShopifyApp({ db: engine.db, logger, apiSecret: stack.emulator.apiSecret }).listen(0);
  await new Promise((r) => server.once('listening', r));
  try {
    const delivery = await sendWebhook({
      address: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`,
      topic: 'orders/paid',
      shop,
      payload: result.webhookPayload,
      secret: stack.emulator.apiSecret,
    });
    expect(delivery.status).toBe(200);
  } finally {
    server.close();
  }
  const [row] = await rowsOf(engine.db, 'inbound_events', merchant.id);
  expect(row).toMatchObject({ topic: 'orders/paid' });
  expect((row!.payload as { discount_codes: { code: string }[] }).discount_codes).toEqual([
    { code: advocate.code, amount: '9.00', type: 'percentage' },
  ]);
});

test('an existing customer and the advocate themselves get nothing, and below the minimum nobody does', async ({
  engine,
  stack,
}) => {
  const { shop, state, advocate, annaCustomer } = await seed(engine, stack);
  const logs = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    const regular = state.addCustomer({ email: 'reg@example.com', numberOfOrders: 2 });
    const existing = stack.emulator.checkout(shop, {
      lines: cart,
      customerId: regular.id,
      discountCode: advocate.code,
    });
    expect(existing).toMatchObject({
      ok: true,
      totalMinor: 6000,
      discounts: [],
      codeNotApplied: { code: advocate.code, message: NOT_APPLICABLE_MESSAGE },
    });
    expect(logs.mock.calls.flat().join('\n')).toContain('friend offer not applied: existing_customer');

    // The advocate typing their own code: the automatic discount rejects it with the reason.
    const own = stack.emulator.checkout(shop, {
      lines: cart,
      customerId: annaCustomer.id,
      discountCode: advocate.code,
    });
    expect(own).toMatchObject({
      ok: true,
      totalMinor: 6000,
      discounts: [],
      codeNotApplied: { code: advocate.code, message: OWN_CODE_MESSAGE },
    });

    // $45.00 is below the $50.00 minimum (compared before the discount).
    const small = stack.emulator.checkout(shop, {
      lines: [{ price: '45.00' }],
      email: 'new@example.com',
      discountCode: advocate.code,
    });
    expect(small).toMatchObject({ ok: true, totalMinor: 4500, discounts: [] });
    expect(logs.mock.calls.flat().join('\n')).toContain('below_minimum (45.00 < 50.00)');
  } finally {
    logs.mockRestore();
  }
});

test('a friend who followed the link gets the offer from the signed cart attributes; a forged signature gets nothing', async ({
  engine,
  stack,
}) => {
  const { shop, advocate } = await seed(engine, stack);
  // The app as deployed: its Shopify side's encryption key is the secret the link signs with.
  const platform = createShopifyPlatform({
    db: engine.db,
    logger,
    encryptionKey: stack.secret,
    config: {
      apiKey: stack.emulator.apiKey,
      apiSecret: stack.emulator.apiSecret,
      appUrl: 'http://127.0.0.1',
      scopes: stack.emulator.scopes.split(','),
      adminOrigin: stack.emulator.url,
    },
  });
  const clickWriter = new ClickWriter(engine.db, { ipHashSalt: 'test-salt', flushIntervalMs: 60_000 });
  const app = createShopifyApp({
    db: engine.db,
    logger,
    apiSecret: stack.emulator.apiSecret,
    platform,
    clickWriter,
  }).listen(0);
  await new Promise((r) => app.once('listening', r));
  let landing: URL;
  try {
    const res = await fetch(
      `http://127.0.0.1:${(app.address() as AddressInfo).port}/r/${advocate.code}?shop=${shop}`,
      {
        redirect: 'manual',
      },
    );
    expect(res.status).toBe(302);
    landing = new URL(res.headers.get('location')!);
  } finally {
    await clickWriter.close();
    app.close();
  }
  // What the theme embed writes on the cart from ?ref= and ?rs=.
  const attributes = {
    _referral_code: landing.searchParams.get('ref')!,
    _referral_visitor: landing.searchParams.get('rv')!,
    _referral_sig: landing.searchParams.get('rs')!,
  };
  const linked = stack.emulator.checkout(shop, { lines: cart, email: 'fran@example.com', attributes });
  expect(linked).toMatchObject({
    ok: true,
    totalMinor: 5100,
    discounts: [
      { method: 'automatic', code: null, message: 'Referral: 15% off your first order of $50.00 or more' },
    ],
  });
  if (linked.ok) {
    expect(linked.webhookPayload).toMatchObject({
      discount_codes: [],
      note_attributes: expect.arrayContaining([{ name: '_referral_sig', value: attributes._referral_sig }]),
    });
  }

  const logs = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    const forged = stack.emulator.checkout(shop, {
      lines: cart,
      email: 'mallory@example.com',
      attributes: { ...attributes, _referral_sig: 'x'.repeat(22) },
    });
    expect(forged).toMatchObject({ ok: true, totalMinor: 6000, discounts: [] });
    expect(logs.mock.calls.flat().join('\n')).toContain('friend offer not applied: bad_signature');
  } finally {
    logs.mockRestore();
  }
});
