// The reward adapter against the emulator through the real @shopify/shopify-api client: each
// reward kind is issued once however often it is retried, and taken back as far as possible.
import { beginPlatformOperation, type IssueRewardRequest } from '@referrals/core';
import { dbTest } from '@referrals/core/testing/fixtures';
import { describe, expect } from 'vitest';
import { CostLimiter } from '../shopify/cost-limiter.js';
import { STORE_CREDIT_CREDIT } from '../shopify/documents.js';
import { type PlatformFixture, startPlatformFixture } from '../testing/platform.js';
import { POINTS_REF } from './shopify-reward-issuer.js';

const test = dbTest.extend<{ fx: PlatformFixture }>({
  fx: async ({ database }, use) => {
    const fx = await startPlatformFixture(database.db);
    await use(fx);
    await fx.close();
  },
});

let seq = 0;
function request(merchantId: string, customerId: string | null, overrides: Partial<IssueRewardRequest> = {}) {
  seq += 1;
  return {
    merchantId,
    rewardId: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    idempotencyKey: `reward-key-${seq}-${Math.random()}`,
    recipient: 'advocate' as const,
    recipientCustomerId: null,
    recipientPlatformCustomerId: customerId,
    kind: 'store_credit' as const,
    amountMinor: 1500,
    currency: 'USD',
    bps: null,
    ...overrides,
  };
}

const numericId = (gid: string) => gid.split('/').pop() ?? '';

describe('ShopifyRewardIssuer', () => {
  test('store credit is credited once per reward, however often the job retries', async ({ fx }) => {
    const { merchantId, state } = await fx.installShop();
    const customer = state.addCustomer({ email: 'ada@example.com' });
    const req = request(merchantId, numericId(customer.id));
    const first = await fx.platform.issuer.issue(req);
    const again = await fx.platform.issuer.issue(req);
    expect(again).toEqual(first);
    const credits = state.transactions.filter((t) => t.kind === 'credit');
    expect(credits).toHaveLength(1);
    expect(credits[0]).toMatchObject({ id: first.platformRef, amountMinor: 1500, notify: true });
  });

  test('after a crash between the credit and our commit, the retry finds the credit instead of paying twice', async ({
    fx,
    database,
  }) => {
    const { merchantId, state } = await fx.installShop();
    const customer = state.addCustomer({ email: 'ada@example.com' });
    const req = request(merchantId, numericId(customer.id), { amountMinor: 700 });
    // The first attempt journalled itself and reached Shopify, then the process died.
    await beginPlatformOperation(database.db, {
      merchantId,
      platform: 'shopify',
      idempotencyKey: `issue:${req.idempotencyKey}`,
      operation: 'storeCreditAccountCredit',
    });
    await fx.platform.graphql.request(merchantId, STORE_CREDIT_CREDIT, {
      id: customer.id,
      input: { creditAmount: { amount: '7.00', currencyCode: 'USD' }, notify: true },
    });
    const retried = await fx.platform.issuer.issue(req);
    const credits = state.transactions.filter((t) => t.kind === 'credit');
    expect(credits).toHaveLength(1);
    expect(retried.platformRef).toBe(credits[0]?.id);

    // A second in-doubt reward of the same amount can't claim that same transaction: it pays.
    const other = request(merchantId, numericId(customer.id), { amountMinor: 700 });
    await beginPlatformOperation(database.db, {
      merchantId,
      platform: 'shopify',
      idempotencyKey: `issue:${other.idempotencyKey}`,
      operation: 'storeCreditAccountCredit',
    });
    const paid = await fx.platform.issuer.issue(other);
    expect(state.transactions.filter((t) => t.kind === 'credit')).toHaveLength(2);
    expect(paid.platformRef).not.toBe(retried.platformRef);
  });

  test('a claw-back takes what is left when the advocate already spent part of the credit', async ({
    fx,
  }) => {
    const { merchantId, state } = await fx.installShop();
    const customer = state.addCustomer({ email: 'ada@example.com' });
    const req = request(merchantId, numericId(customer.id), { amountMinor: 2000 });
    const { platformRef } = await fx.platform.issuer.issue(req);
    const account = [...state.accounts.values()].find((a) => a.ownerId === customer.id);
    if (!account) throw new Error('no account');
    account.balanceMinor -= 1200; // spent at checkout
    const clawBack = {
      merchantId,
      rewardId: req.rewardId,
      clawbackId: 'cb-1',
      idempotencyKey: `${req.idempotencyKey}:refund-1`,
      kind: 'store_credit' as const,
      platformRef,
      recipientPlatformCustomerId: req.recipientPlatformCustomerId,
      amountMinor: 2000,
      currency: 'USD',
    };
    expect(await fx.platform.issuer.clawBack(clawBack)).toEqual({ recoveredMinor: 800 });
    expect(await fx.platform.issuer.clawBack(clawBack)).toEqual({ recoveredMinor: 800 }); // replay
    expect(account.balanceMinor).toBe(0);
    expect(state.transactions.filter((t) => t.kind === 'debit')).toHaveLength(1);
  });

  test('a discount reward is one single-use code for that customer; an unused one is switched off on claw-back', async ({
    fx,
  }) => {
    const { merchantId, state } = await fx.installShop();
    const customer = state.addCustomer({ email: 'ada@example.com' });
    const req = request(merchantId, numericId(customer.id), {
      kind: 'percent_discount',
      bps: 1500,
      amountMinor: 0,
    });
    const issued = await fx.platform.issuer.issue(req);
    expect(await fx.platform.issuer.issue(req)).toEqual(issued);
    const code = issued.platformRef.replace('discount:', '');
    const discounts = [...state.discounts.values()];
    expect(discounts).toHaveLength(1);
    expect(discounts[0]).toMatchObject({ code, usageLimit: 1, appliesOncePerCustomer: true });
    expect(discounts[0]?.customerIds).toEqual([customer.id]);

    const result = await fx.platform.issuer.clawBack({
      merchantId,
      rewardId: req.rewardId,
      clawbackId: 'cb-2',
      idempotencyKey: `${req.idempotencyKey}:refund`,
      kind: 'percent_discount',
      platformRef: issued.platformRef,
      recipientPlatformCustomerId: req.recipientPlatformCustomerId,
      amountMinor: 1000,
      currency: 'USD',
    });
    expect(result).toEqual({ recoveredMinor: 1000 });
    expect(state.discounts.get(code)?.status).toBe('EXPIRED');
  });

  test('gift cards are created once and deactivated on claw-back; points stay in our ledger', async ({
    fx,
  }) => {
    const { merchantId, state } = await fx.installShop();
    const customer = state.addCustomer({ email: 'ada@example.com' });
    const req = request(merchantId, numericId(customer.id), { kind: 'gift_card', amountMinor: 2500 });
    const issued = await fx.platform.issuer.issue(req);
    expect(await fx.platform.issuer.issue(req)).toEqual(issued);
    expect(state.giftCards.size).toBe(1);
    const recovered = await fx.platform.issuer.clawBack({
      merchantId,
      rewardId: req.rewardId,
      clawbackId: 'cb-3',
      idempotencyKey: `${req.idempotencyKey}:refund`,
      kind: 'gift_card',
      platformRef: issued.platformRef,
      recipientPlatformCustomerId: req.recipientPlatformCustomerId,
      amountMinor: 2500,
      currency: 'USD',
    });
    expect(recovered).toEqual({ recoveredMinor: 2500 });
    expect([...state.giftCards.values()][0]?.deactivatedAt).not.toBeNull();

    const before = fx.emulator.requests.length;
    expect(
      await fx.platform.issuer.issue(request(merchantId, null, { kind: 'points', amountMinor: 50 })),
    ).toEqual({
      platformRef: POINTS_REF,
    });
    expect(fx.emulator.requests.length).toBe(before);
  });

  test('a store credit for a customer Shopify does not know is refused with the userError, not retried as success', async ({
    fx,
  }) => {
    const { merchantId } = await fx.installShop();
    await expect(fx.platform.issuer.issue(request(merchantId, '999999999'))).rejects.toThrow(
      /OWNER_NOT_FOUND/,
    );
  });
});

describe('cost-aware limiter against the emulated bucket', () => {
  const small = dbTest.extend<{ fx: PlatformFixture }>({
    fx: async ({ database }, use) => {
      const fx = await startPlatformFixture(database.db, {
        emulator: { maximumAvailable: 60, restoreRate: 20 },
        limiter: new CostLimiter({
          initial: { maximumAvailable: 60, currentlyAvailable: 60, restoreRate: 20 },
        }),
      });
      await use(fx);
      await fx.close();
    },
  });

  small('a burst of rewards larger than the bucket is paced, never throttled', async ({ fx }) => {
    const { merchantId, state } = await fx.installShop();
    const customer = state.addCustomer({ email: 'ada@example.com' });
    await Promise.all(
      Array.from({ length: 12 }, () => fx.platform.issuer.issue(request(merchantId, numericId(customer.id)))),
    );
    expect(state.transactions.filter((t) => t.kind === 'credit')).toHaveLength(12);
    expect(fx.platform.graphql.throttled).toBe(0);
    expect(fx.platform.graphql.limiter.waitedMs).toBeGreaterThan(0);
  });
});
