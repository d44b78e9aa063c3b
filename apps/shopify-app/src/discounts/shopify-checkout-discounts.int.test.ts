// The checkout discount adapter against the emulator through the real @shopify/shopify-api client:
// discounts made once per (version, method, generation) even across a crash, codes added in
// batches of 250 with each bulk creation polled, removed by id (looked up when unknown), and the
// function configuration repaired when it drifted.
import { randomUUID } from 'node:crypto';
import {
  beginPlatformOperation,
  type CheckoutDiscountRef,
  type CheckoutDiscountSpec,
  createProgram,
  type Database,
  findVersionInForce,
} from '@referrals/core';
import { dbTest } from '@referrals/core/testing/fixtures';
import { describe, expect } from 'vitest';
import { type PlatformFixture, startPlatformFixture } from '../testing/platform.js';
import { discountTag } from './discount-input.js';
import { BULK_ADD_LIMIT } from './redeem-codes.js';

const test = dbTest.extend<{ fx: PlatformFixture }>({
  fx: async ({ database }, use) => {
    const fx = await startPlatformFixture(database.db);
    await use(fx);
    await fx.close();
  },
});

/** A programme version's spec, as the sync hands it over: the version comes from a real programme. */
async function specOf(
  db: Database,
  merchantId: string,
  method: CheckoutDiscountSpec['method'],
  generation = 1,
) {
  const { programId } = await createProgram(db, {
    merchantId,
    name: '$10 off',
    rules: {
      advocateReward: { kind: 'store_credit', amountMinor: 1000 },
      friendReward: { kind: 'fixed_discount', amountMinor: 1000 },
      eligibility: { newCustomersOnly: false, minimumOrderMinor: 0 },
    },
    actor: 'test',
  });
  const version = await findVersionInForce(db, merchantId, programId, new Date());
  return (m: CheckoutDiscountSpec['method'] = method, g = generation): CheckoutDiscountSpec => ({
    merchantId,
    method: m,
    programVersionId: version.id,
    version: version.version,
    rules: version.rules,
    currency: 'USD',
    generation: g,
    effectiveFrom: version.effectiveFrom,
  });
}
const made = (result: Awaited<ReturnType<PlatformFixture['platform']['checkoutDiscounts']['create']>>) => {
  if ('refused' in result) throw new Error(`refused: ${result.refused}`);
  return result;
};
const requestsNamed = (fx: PlatformFixture, name: string) =>
  fx.emulator.requests.filter((r) => r.query.includes(`${name}(`)).length;

describe('ShopifyCheckoutDiscounts', () => {
  test('a discount is made once per version, method and generation, and found by its tag after a crash', async ({
    fx,
    database,
  }) => {
    const { merchantId, state } = await fx.installShop();
    const spec = await specOf(database.db, merchantId, 'code');
    const discounts = fx.platform.checkoutDiscounts;
    const first = made(await discounts.create(spec('code'), 'ADA2PQ7K'));
    expect(first.firstCode).toEqual({
      code: 'ADA2PQ7K',
      platformCodeId: expect.stringMatching(/DiscountRedeemCode/),
    });
    expect(made(await discounts.create(spec('code'), 'OTHER234')).platformId).toBe(first.platformId);
    expect(state.appDiscounts.size).toBe(1);
    expect(state.appDiscounts.get(first.platformId)).toMatchObject({
      title: 'Referral: $10.00 off your order',
      functionHandle: 'friend-offer-discount',
      combinesWith: { orderDiscounts: false, productDiscounts: false, shippingDiscounts: true },
      discountClasses: ['ORDER'],
      tags: ['referrals', discountTag(spec('code'))],
    });

    // A crash after Shopify made the automatic discount and before our record of it: the journal
    // says "started", so the retry looks for the discount by its tag instead of making another.
    const crashed = spec('automatic');
    const automatic = made(await discounts.create(crashed, null));
    const gen2 = spec('automatic', 2);
    await beginPlatformOperation(database.db, {
      merchantId,
      platform: 'shopify',
      idempotencyKey: `checkout-discount:${gen2.programVersionId}:automatic:2`,
      operation: 'discountAutomaticAppCreate',
    });
    const lost = state.appDiscounts.get(automatic.platformId)!;
    lost.tags = ['referrals', discountTag(gen2)];
    expect(made(await discounts.create(gen2, null)).platformId).toBe(automatic.platformId);
    expect([...state.appDiscounts.values()].filter((d) => d.method === 'automatic')).toHaveLength(1);
  });

  test('codes go on in batches of 250, each bulk creation polled; a taken code says so; removal finds unknown ids', async ({
    fx,
    database,
  }) => {
    const { merchantId, state } = await fx.installShop();
    const spec = await specOf(database.db, merchantId, 'code');
    const discounts = fx.platform.checkoutDiscounts;
    const { platformId } = made(await discounts.create(spec('code'), 'FIRST000'));
    const ref: CheckoutDiscountRef = { merchantId, method: 'code', platformId };
    state.discounts.set('MERCHANT1', {
      id: 'gid://shopify/DiscountCodeBasic/77',
      title: 'The merchant’s own',
      code: 'MERCHANT1',
      status: 'ACTIVE',
      usageLimit: null,
      appliesOncePerCustomer: false,
      percentage: 0.1,
      amount: null,
      customerIds: null,
      minimumSubtotal: null,
      createdAt: new Date().toISOString(),
    });
    const codes = Array.from({ length: 600 }, (_, i) => `CODE${String(i).padStart(4, '0')}`);
    const adds = requestsNamed(fx, 'discountRedeemCodeBulkAdd');
    const polls = requestsNamed(fx, 'discountRedeemCodeBulkCreation');
    const result = await discounts.addCodes(ref, [...codes, 'MERCHANT1', 'FIRST000']);
    expect(requestsNamed(fx, 'discountRedeemCodeBulkAdd') - adds).toBe(Math.ceil(602 / BULK_ADD_LIMIT));
    expect(requestsNamed(fx, 'discountRedeemCodeBulkCreation') - polls).toBe(3);
    expect(result.added).toHaveLength(601); // FIRST000 was ours already: added, id unknown
    expect(result.added.find((a) => a.code === 'FIRST000')).toEqual({
      code: 'FIRST000',
      platformCodeId: null,
    });
    expect(result.failed).toEqual([
      { code: 'MERCHANT1', error: 'Code must be unique. Please try a different code.', taken: true },
    ]);
    expect(state.appDiscounts.get(platformId)?.codes.size).toBe(601);

    await discounts.removeCodes(ref, [
      ...result.added.filter((a) => a.code !== 'FIRST000').slice(0, 300),
      { code: 'FIRST000', platformCodeId: null },
    ]);
    const left = [];
    for await (const page of discounts.listCodes(ref)) left.push(...page);
    expect(left).toHaveLength(300);
    expect(left.some((c) => c.code === 'FIRST000')).toBe(false);
  });

  test('verify tells missing from inactive and rewrites a configuration that drifted', async ({
    fx,
    database,
  }) => {
    const { merchantId, state } = await fx.installShop();
    const spec = await specOf(database.db, merchantId, 'code');
    const discounts = fx.platform.checkoutDiscounts;
    const automatic = spec('automatic');
    const { platformId } = made(await discounts.create(automatic, null));
    const ref: CheckoutDiscountRef = { merchantId, method: 'automatic', platformId };
    const key = '$app:referrals.function-configuration';
    const written = state.appDiscounts.get(platformId)!.metafields.get(key)!.value;
    state.appDiscounts
      .get(platformId)!
      .metafields.set(key, { type: 'json', value: '{"v":1,"tampered":true}' });
    expect(await discounts.verify(ref, automatic)).toBe('active');
    expect(state.appDiscounts.get(platformId)!.metafields.get(key)!.value).toBe(written);
    await discounts.end(ref);
    expect(await discounts.verify(ref, automatic)).toBe('inactive');
    expect(
      await discounts.verify(
        { ...ref, platformId: `gid://shopify/DiscountAutomaticNode/${randomUUID().length}9999` },
        automatic,
      ),
    ).toBe('missing');
  });
});
