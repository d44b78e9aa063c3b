// Friend offers end to end: a claimed offer becomes one single-use code in an (emulated) shop,
// over the real @shopify/shopify-api client, PostgreSQL, Redis and the worker; a rejected
// referral switches the unused code off.
import { randomBytes } from 'node:crypto';
import { claimFriendOffer } from '@referrals/core';
import {
  buildAdvocate,
  buildProgram,
  deliver,
  type FriendOffer,
  findFriendOffer,
  orderFacts,
  rowsOf,
  updateRowsOf,
} from '@referrals/core/testing';
import { dbTest } from '@referrals/core/testing/fixtures';
import {
  createShopifyPlatform,
  ShopifyFriendOfferIssuer,
  type ShopifyPlatform,
} from '@referrals/shopify-app';
import { type ShopifyEmulator, startShopifyEmulator } from '@referrals/shopify-emulator';
import { pino } from 'pino';
import { describe, expect } from 'vitest';
import { startWorker, type WorkerRuntime } from './runtime.js';
import { waitFor } from './testing/wait-for.js';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

type Stack = { emulator: ShopifyEmulator; platform: ShopifyPlatform; worker: WorkerRuntime };

const test = dbTest.extend<{ stack: Stack }>({
  stack: async ({ engine }, use) => {
    const emulator = await startShopifyEmulator();
    const platform = createShopifyPlatform({
      db: engine.db,
      logger,
      encryptionKey: randomBytes(32),
      config: {
        apiKey: emulator.apiKey,
        apiSecret: emulator.apiSecret,
        appUrl: 'http://127.0.0.1',
        scopes: emulator.scopes.split(','),
        adminOrigin: emulator.url,
      },
    });
    // Only the friend-offer issuer: the rewards queue is consumed for it alone.
    const worker = await startWorker({
      engine,
      redisUrl,
      logger,
      friendOfferIssuer: new ShopifyFriendOfferIssuer(platform.graphql),
      prefix: `friend-${randomBytes(4).toString('hex')}`,
      housekeeping: false,
    });
    await use({ emulator, platform, worker });
    await worker.close();
    await emulator.close();
  },
});

describe('friend offers on Shopify', () => {
  test('claim -> one single-use code; a rerun makes no second; rejection -> the code expires', async ({
    engine,
    stack,
  }) => {
    const shop = `friend-${randomBytes(3).toString('hex')}.myshopify.com`;
    const state = stack.emulator.installApp(shop);
    const merchant = await stack.platform.sessions.install(shop, stack.emulator.sessionToken(shop));
    const { programId } = await buildProgram(engine.db, merchant.id, {
      friendReward: { kind: 'fixed_discount', amountMinor: 1250 },
      eligibility: { minimumOrderMinor: 5000 },
    });
    const advocate = await buildAdvocate(engine.db, merchant.id, programId);
    const { offer } = await claimFriendOffer(engine.db, stack.platform.friendCodeKey, {
      merchantId: merchant.id,
      referralCode: advocate.code,
      email: 'newfriend@example.org',
      at: new Date(),
    });
    const offerIs = (status: FriendOffer['status']) =>
      waitFor(`offer ${status}`, async () => {
        const row = await findFriendOffer(engine.db, merchant.id, offer.id);
        return row.status === status ? row : null;
      });

    const created = await offerIs('created');
    expect([...state.discounts.values()]).toHaveLength(1);
    const discount = state.discounts.get(offer.discountCode);
    expect(discount).toMatchObject({
      code: offer.discountCode,
      status: 'ACTIVE',
      usageLimit: 1,
      appliesOncePerCustomer: true,
      customerIds: null,
      percentage: null,
      amount: '12.50',
      minimumSubtotal: '50.00',
    });
    expect(created.platformRef).toBe(discount?.id.replace('DiscountCodeBasic', 'DiscountCodeNode'));

    // A crash after Shopify made the code but before we recorded it: the job runs again.
    await updateRowsOf(
      engine.db,
      'friend_offers',
      merchant.id,
      { id: offer.id },
      { status: 'pending', platformRef: null },
    );
    await stack.worker.queues.rewards.add(
      'create-friend-offer',
      { merchantId: merchant.id, offerId: offer.id },
      { jobId: `again-${offer.id}` },
    );
    const again = await offerIs('created');
    expect(again.platformRef).toBe(created.platformRef);
    expect([...state.discounts.values()]).toHaveLength(1);

    // The friend orders through the link without the code, but is a returning customer: rejected.
    await deliver(engine, merchant.id, {
      type: 'OrderPaid',
      ...orderFacts({
        referralCode: advocate.code,
        customer: { id: 'c-friend', email: 'NewFriend@example.org', previousOrders: 4 },
      }),
    });
    const [referral] = await rowsOf(engine.db, 'referrals', merchant.id);
    expect(referral?.status).toBe('rejected');
    await waitFor('code expired', async () => state.discounts.get(offer.discountCode)?.status === 'EXPIRED');
    expect((await findFriendOffer(engine.db, merchant.id, offer.id)).status).toBe('deactivated');
    expect([...state.discounts.values()]).toHaveLength(1);
    expect(stack.platform.graphql.throttled).toBe(0);
  });
});
