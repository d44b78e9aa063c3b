// Reconciliation catches the Shopify webhooks that never came: the real @shopify/shopify-api client
// reads orders from the emulator, the job stores what they imply in the inbox, and the usual
// pipeline (PostgreSQL, Redis, the worker) turns it into referrals and rewards, exactly once.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type EngineContext, findMerchant, type OrderSource } from '@referrals/core';
import { buildAdvocate, buildProgram, rowsOf as rowsOfTable } from '@referrals/core/testing';
import { dbTest } from '@referrals/core/testing/fixtures';
import { createShopifyApp, createShopifyPlatform, ShopifyOrderSource } from '@referrals/shopify-app';
import { type ShopifyEmulator, sendWebhook, startShopifyEmulator } from '@referrals/shopify-emulator';
import { type Job, QueueEvents } from 'bullmq';
import { pino } from 'pino';
import { describe, expect } from 'vitest';
import { workerConnection } from './queues.js';
import { startWorker } from './runtime.js';
import { waitFor } from './testing/wait-for.js';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const HOUR = 3_600_000;

type Stack = {
  emulator: ShopifyEmulator;
  /** Adds a job to the scheduled queue and resolves with what its handler returned. */
  run(name: string, data: object): Promise<unknown>;
  /** Installs a shop by token exchange and gives it a program (store credit held 30 days) and an advocate. */
  install(): Promise<{ shop: string; merchantId: string; code: string }>;
  webhook(shop: string, topic: string, payload: unknown): Promise<void>;
  /** Completed jobs of the scheduled queue with this name. */
  completed(name: string): Promise<Job[]>;
};

// One stack for the file: shops installed by earlier tests stay installed, so the fan-out below
// also re-reads them (and must store nothing new for them).
const test = dbTest.extend<{ stack: Stack }>({
  stack: [
    async ({ database }, use) => {
      const engine: EngineContext = { db: database.db, ipHashSalt: 'test-salt' };
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
      const server = createShopifyApp({ db: engine.db, logger, apiSecret: emulator.apiSecret }).listen(
        0,
        '127.0.0.1',
      );
      await new Promise((r) => server.once('listening', r));
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const prefix = `reconcile-${randomBytes(4).toString('hex')}`;
      const worker = await startWorker({
        engine,
        redisUrl,
        logger,
        rewardIssuer: platform.issuer,
        // Two orders a page, so every run below pages.
        orderSource: new ShopifyOrderSource({ graphql: platform.graphql, logger, pageSize: 2 }),
        storefrontTracking: platform.webPixels,
        prefix,
        housekeeping: false,
      });
      const events = new QueueEvents('scheduled', { connection: workerConnection(redisUrl), prefix });
      await events.waitUntilReady();
      await use({
        emulator,
        run: async (name, data) =>
          (await worker.queues.scheduled.add(name, data)).waitUntilFinished(events, 30_000),
        async install() {
          const shop = `reconcile-${randomBytes(3).toString('hex')}.myshopify.com`;
          emulator.installApp(shop);
          const merchant = await platform.sessions.install(shop, emulator.sessionToken(shop));
          const { programId } = await buildProgram(engine.db, merchant.id, {
            holdDays: 30,
            advocateReward: { kind: 'store_credit', amountMinor: 1500 },
            friendReward: null,
            fraud: { rules: { velocity: { enabled: false } } },
          });
          const advocate = await buildAdvocate(engine.db, merchant.id, programId);
          return { shop, merchantId: merchant.id, code: advocate.code };
        },
        completed: async (name) =>
          (await worker.queues.scheduled.getJobs(['completed'])).filter((j) => j.name === name),
        async webhook(shop, topic, payload) {
          const address = `${baseUrl}/webhooks`;
          const sent = await sendWebhook({ address, topic, shop, payload, secret: emulator.apiSecret });
          expect(sent.status).toBe(200);
        },
      });
      await events.close();
      await worker.close();
      await new Promise((r) => server.close(r));
      await emulator.close();
    },
    { scope: 'file' },
  ],
});

const rowsOf = async ({ db }: EngineContext, merchantId: string) => ({
  inbox: await rowsOfTable(db, 'inbound_events', merchantId),
  referrals: await rowsOfTable(db, 'referrals', merchantId),
  rewards: await rowsOfTable(db, 'rewards', merchantId),
});

/** Waits until no inbox row of the merchant is left to process; every one must have succeeded. */
async function settled(engine: EngineContext, merchantId: string, inboxRows: number) {
  const rows = await waitFor(`${inboxRows} inbox rows handled`, async () => {
    const now = await rowsOf(engine, merchantId);
    return now.inbox.length === inboxRows && now.inbox.every((r) => r.status !== 'received') ? now : null;
  });
  expect(rows.inbox.filter((r) => r.status !== 'processed')).toEqual([]);
  return rows;
}

const friend = (code?: string) => ({
  totalPrice: '100.00',
  email: `friend-${randomBytes(3).toString('hex')}@example.org`,
  customer: { firstName: 'Fran' },
  clientIp: '203.0.113.7',
  landingPageUrl: code ? `https://shop.example/?ref=${code}` : null,
  customAttributes: code ? [{ key: '_referral_code', value: code }] : [],
});

describe('reconcile-shopify-orders', () => {
  test('an order whose webhook was dropped gets its referral and reward once; a re-run stores nothing', async ({
    engine,
    stack,
  }) => {
    const { shop, merchantId, code } = await stack.install();
    const state = stack.emulator.shop(shop);
    const referred = state.addOrder(friend(code));
    const unreferred = state.addOrder(friend()); // paid, referred by nobody
    const pending = state.addOrder({ ...friend(), displayFinancialStatus: 'PENDING' });
    // Referred too, but last changed three days ago: outside the 26-hour window.
    state.addOrder({ ...friend(code), createdAt: new Date(Date.now() - 72 * HOUR).toISOString() });

    const run = { merchantId, windowHours: 26 };
    expect(await stack.run('reconcile-shopify-merchant', run)).toEqual({
      orders: 3,
      events: 3,
      stored: 3,
      tracking: 'ensured',
    });
    const pages = stack.emulator.requests.filter(
      (r) => r.shop === shop && r.query.includes('ReconcileOrders'),
    );
    expect(pages).toHaveLength(2);
    expect(pages[0]?.variables.query).toMatch(/^updated_at:>='\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ'$/);

    const first = await settled(engine, merchantId, 3);
    expect(first.inbox.map((r) => [r.platform, r.status, r.externalId]).sort()).toEqual(
      [
        ['internal', 'processed', `shopify-reconcile:${referred.legacyId}:OrderPaid:`],
        ['internal', 'processed', `shopify-reconcile:${unreferred.legacyId}:OrderPaid:`],
        ['internal', 'processed', `shopify-reconcile:${pending.legacyId}:OrderPlaced:`],
      ].sort(),
    );
    expect(first.referrals).toHaveLength(1);
    expect(first.rewards).toEqual([
      expect.objectContaining({ recipient: 'advocate', amountMinor: 1500, status: 'held', reversedMinor: 0 }),
    ]);
    const [order] = await rowsOfTable(engine.db, 'orders', merchantId, {
      id: first.referrals[0]?.orderId ?? '',
    });
    expect(order).toMatchObject({ platformOrderId: String(referred.legacyId), totalMinor: 10_000 });
    expect(order?.signals).toMatchObject({
      referralCode: code,
      landingUrl: `https://shop.example/?ref=${code}`,
    });

    expect(await stack.run('reconcile-shopify-merchant', run)).toEqual({
      orders: 3,
      events: 3,
      stored: 0,
      tracking: 'ensured',
    });
    const again = await rowsOf(engine, merchantId);
    expect(again.inbox).toHaveLength(3);
    expect(again.referrals).toEqual(first.referrals);
    expect(again.rewards).toEqual(first.rewards);
  });

  test('a delivered webhook plus reconciliation still makes one reward; a refund seen only by reconciliation prorates it', async ({
    engine,
    stack,
  }) => {
    const { shop, merchantId, code } = await stack.install();
    const state = stack.emulator.shop(shop);
    const input = friend(code);
    const order = state.addOrder(input);
    await stack.webhook(shop, 'orders/paid', {
      id: order.legacyId,
      email: input.email,
      created_at: new Date(order.createdAt).toISOString(),
      currency: 'USD',
      total_price: '100.00',
      browser_ip: input.clientIp,
      landing_site: input.landingPageUrl,
      note_attributes: [{ name: '_referral_code', value: code }],
      customer: { id: Number(order.customerId?.split('/').pop()), email: input.email, orders_count: 1 },
    });
    const delivered = await settled(engine, merchantId, 1);
    expect(delivered.rewards).toHaveLength(1);

    const run = { merchantId, windowHours: 26 };
    expect(await stack.run('reconcile-shopify-merchant', run)).toEqual({
      orders: 1,
      events: 1,
      stored: 1,
      tracking: 'ensured',
    });
    const reconciled = await settled(engine, merchantId, 2);
    expect(reconciled.referrals).toEqual(delivered.referrals);
    expect(reconciled.rewards).toEqual(delivered.rewards);

    // Refunded 40 of 100 on Shopify; the refunds/create webhook is lost.
    const refund = state.addRefund(order.id, { total: '40.00' });
    expect(await stack.run('reconcile-shopify-merchant', run)).toEqual({
      orders: 1,
      events: 2,
      stored: 1,
      tracking: 'ensured',
    });
    const refunded = await settled(engine, merchantId, 3);
    expect(refunded.rewards).toEqual([
      expect.objectContaining({
        id: delivered.rewards[0]?.id,
        amountMinor: 1500,
        reversedMinor: 600,
        status: 'held',
      }),
    ]);
    // The webhook turns up late: same refund id, so it changes nothing.
    await stack.webhook(shop, 'refunds/create', {
      id: refund.legacyId,
      order_id: order.legacyId,
      created_at: new Date(refund.createdAt).toISOString(),
      transactions: [{ kind: 'refund', status: 'success', amount: '40.00', currency: 'USD' }],
    });
    const late = await settled(engine, merchantId, 4);
    expect(late.rewards).toEqual(refunded.rewards);
    const refunds = await rowsOfTable(engine.db, 'order_refunds', merchantId);
    expect(refunds.map((r) => [r.platformRefundId, r.amountMinor])).toEqual([
      [String(refund.legacyId), 4000],
    ]);
  });

  test('the hourly fan-out reads every connected shop and skips one that uninstalled', async ({
    engine,
    stack,
  }) => {
    const active = await stack.install();
    const gone = await stack.install();
    stack.emulator.shop(active.shop).addOrder(friend(active.code));
    stack.emulator.shop(gone.shop).addOrder(friend(gone.code));
    // What the install itself sent (the web pixel's set-up); nothing may follow the uninstall.
    const goneCallsAtInstall = stack.emulator.requests.filter((r) => r.shop === gone.shop).length;
    stack.emulator.revokeApp(gone.shop);
    await stack.webhook(gone.shop, 'app/uninstalled', { id: 1, myshopify_domain: gone.shop });
    await waitFor('uninstalled', async () => {
      const m = await findMerchant(engine.db, gone.merchantId);
      return m?.status === 'uninstalled';
    });

    const fanOut = (await stack.run('reconcile-shopify-orders', {})) as { merchants: number };
    const perShop = await waitFor('every shop read', async () => {
      const done = (await stack.completed('reconcile-shopify-merchant')).filter((j) =>
        j.id?.startsWith('reconcile-'),
      );
      return done.length === fanOut.merchants ? done : null;
    });
    const stored = new Map(perShop.map((j) => [j.data.merchantId, j.returnvalue.stored]));
    expect(stored.has(gone.merchantId)).toBe(false);
    expect(stored.get(active.merchantId)).toBe(1);
    // The shops of the tests above were read again and gave nothing new.
    expect([...stored.values()].filter((n) => n === 0)).toHaveLength(fanOut.merchants - 1);
    const reconciled = await settled(engine, active.merchantId, 1);
    expect(reconciled.referrals).toHaveLength(1);
    expect(reconciled.inbox[0]?.externalId).toMatch(/^shopify-reconcile:\d+:OrderPaid:$/);
    // A job for it queued before the uninstall finds it gone and asks Shopify nothing.
    expect(await stack.run('reconcile-shopify-merchant', { merchantId: gone.merchantId })).toEqual({
      skipped: 'not-connected',
    });
    const goneRows = await rowsOf(engine, gone.merchantId);
    expect(goneRows.inbox.map((r) => r.topic)).toEqual(['app/uninstalled']);
    expect(stack.emulator.requests.filter((r) => r.shop === gone.shop).slice(goneCallsAtInstall)).toEqual([]);
  });
});

describe('web pixel in the hourly reconciliation', () => {
  test('a shop whose web pixel is missing (installed before it existed, or removed) gets it back; one in step is left alone', async ({
    stack,
  }) => {
    const shop = await stack.install();
    const installed = stack.emulator.shop(shop.shop).webPixel;
    expect(installed).not.toBeNull();
    // In step: the reconcile changes nothing (no update sent).
    const before = stack.emulator.requests.length;
    expect(
      await stack.run('reconcile-shopify-merchant', { merchantId: shop.merchantId, windowHours: 1 }),
    ).toMatchObject({
      tracking: 'ensured',
    });
    expect(stack.emulator.shop(shop.shop).webPixel).toEqual(installed);
    expect(stack.emulator.requests.slice(before).filter((r) => r.query.includes('webPixelUpdate'))).toEqual(
      [],
    );

    // Gone behind our back (or never made): the next reconcile creates it with this shop's settings.
    stack.emulator.shop(shop.shop).webPixel = null;
    expect(
      await stack.run('reconcile-shopify-merchant', { merchantId: shop.merchantId, windowHours: 1 }),
    ).toMatchObject({
      tracking: 'ensured',
    });
    const restored = stack.emulator.shop(shop.shop).webPixel;
    expect(restored).not.toBeNull();
    expect(JSON.parse(restored!.settings)).toMatchObject({ shop: shop.shop });
  });
});

describe('reconciliation schedule', () => {
  test('hourly by default, as configured otherwise, and only with an order source', async ({ engine }) => {
    const base = {
      engine,
      redisUrl,
      logger,
      prefix: `reconcile-${randomBytes(4).toString('hex')}`,
      consume: [] as const, // nothing runs: only the schedule is looked at
    };
    // Never read (nothing consumes the queue); an empty source is enough to switch the schedule on.
    const source: OrderSource = {
      async *listOrdersUpdatedSince() {
        yield* [];
      },
    };
    const scheduleWith = async (options: Partial<Parameters<typeof startWorker>[0]>) => {
      const runtime = await startWorker({ ...base, ...options });
      try {
        const all = await runtime.queues.scheduled.getJobSchedulers();
        const found = all.filter((s) => s.name === 'reconcile-shopify-orders');
        for (const s of all) await runtime.queues.scheduled.removeJobScheduler(s.key);
        return found;
      } finally {
        await runtime.close();
      }
    };
    expect(await scheduleWith({})).toEqual([]);
    expect(await scheduleWith({ orderSource: source })).toEqual([
      expect.objectContaining({
        every: 3_600_000,
        template: expect.objectContaining({ data: { windowHours: 26 } }),
      }),
    ]);
    expect(
      await scheduleWith({ orderSource: source, reconcile: { everyMs: 15 * 60_000, windowHours: 48 } }),
    ).toEqual([
      expect.objectContaining({
        every: 15 * 60_000,
        template: expect.objectContaining({ data: { windowHours: 48 } }),
      }),
    ]);
  });
});
