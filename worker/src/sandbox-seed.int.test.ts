// The sandbox's demo data (issue 9): seedSandbox plays 60 days of a shop through the app's public
// routes (link clicks, signed webhooks) against PostgreSQL, the Shopify emulator and a real worker,
// and what lands in the database is what the engine decided. Lives in the worker's tests because
// the app may not import the worker. Seeding twice adds nothing.
import { randomBytes } from 'node:crypto';
import { countClicks } from '@referrals/core';
import { rowsOf } from '@referrals/core/testing';
import { dbTest } from '@referrals/core/testing/fixtures';
import { rememberSandboxCustomers, seedSandbox } from '@referrals/shopify-app';
import { ShopState } from '@referrals/shopify-emulator';
import { pino } from 'pino';
import { describe, expect } from 'vitest';
import { startShopifyStack } from './testing/shopify-stack.js';
import { waitFor } from './testing/wait-for.js';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

const tally = (rows: { status: string }[]) =>
  rows.reduce<Record<string, number>>((acc, r) => {
    acc[r.status] = (acc[r.status] ?? 0) + 1;
    return acc;
  }, {});

describe('sandbox seed', () => {
  dbTest(
    'seeds a realistic shop once, through the public paths',
    { timeout: 180_000 },
    async ({ engine }) => {
      const stack = await startShopifyStack(engine, { redisUrl, logger, queuePrefix: 'seed' });
      const { emulator, platform, clickWriter } = stack;
      try {
        const shop = `seed-${randomBytes(3).toString('hex')}.myshopify.com`;
        const state = emulator.installApp(shop);
        const merchant = await platform.sessions.install(shop, emulator.sessionToken(shop));
        const deps = {
          db: engine.db,
          logger,
          appUrl: stack.baseUrl,
          shop,
          merchantId: merchant.id,
          apiSecret: emulator.apiSecret,
          emulatorShop: state,
        };

        const first = await seedSandbox(deps);
        expect(first).toMatchObject({ seeded: true, advocates: 40, refunds: 1 });
        expect(first.orders).toBeGreaterThan(100);
        expect(first.clicks).toBeGreaterThan(300);
        await clickWriter.flush();

        // The worker ran every webhook through the engine, issued rewards and clawed one back.
        const inbox = await waitFor(
          'every webhook processed',
          async () => {
            const rows = await rowsOf(engine.db, 'inbound_events', merchant.id);
            return rows.length === first.orders + 1 && rows.every((r) => r.status === 'processed') && rows;
          },
          60_000,
        );
        expect(inbox.filter((r) => r.topic === 'refunds/create')).toHaveLength(1);
        await waitFor(
          'the claw-back settled',
          async () => {
            const [clawback] = await rowsOf(engine.db, 'reward_clawbacks', merchant.id);
            return clawback?.status === 'done';
          },
          30_000,
        );

        const referrals = await rowsOf(engine.db, 'referrals', merchant.id);
        const byStatus = tally(referrals);
        expect(byStatus.rewarded).toBeGreaterThan(40); // older than 10 days: v1, no hold, issued
        expect(byStatus.approved).toBeGreaterThan(5); // the last 10 days: v2, held 14 days
        expect(byStatus.reversed).toBe(1);
        expect(byStatus.rejected).toBe(2); // below the minimum, and an existing customer
        // The seed sends the velocity burst one decided order at a time, so the 4th and 5th
        // referral inside the hour (limit 3) land in review, as does the self-address one.
        const review = referrals
          .filter((r) => r.status === 'review')
          .map((r) => (r.riskFindings as { rule: string }[]).map((f) => f.rule).join('+'));
        expect(review.filter((rule) => rule === 'self_address')).toHaveLength(1);
        expect(review.filter((rule) => rule === 'velocity')).toHaveLength(2);
        expect(review).toHaveLength(3);
        const rewards = tally(await rowsOf(engine.db, 'rewards', merchant.id));
        expect(rewards).toEqual({ issued: byStatus.rewarded, held: byStatus.approved, reversed: 1 });
        // Store credit really went out at the emulator, and came back once.
        expect(state.transactions.filter((t) => t.kind === 'credit')).toHaveLength(byStatus.rewarded! + 1);
        expect(state.transactions.filter((t) => t.kind === 'debit')).toHaveLength(1);
        const versions = await rowsOf(engine.db, 'program_versions', merchant.id);
        expect(versions.map((v) => [v.version, v.createdBy])).toEqual([
          [1, 'sandbox'],
          [2, 'sandbox'],
        ]);

        // Every seeded advocate's code is a redeem code of the version in force's code discount.
        const codes = (await rowsOf(engine.db, 'referral_codes', merchant.id))
          .filter((c) => c.status === 'active')
          .map((c) => c.code)
          .sort();
        expect(codes).toHaveLength(40);
        const onSale = await waitFor(
          "the advocates' codes at checkout",
          async () => {
            const active = [...state.appDiscounts.values()].filter(
              (d) => d.method === 'code' && d.status === 'ACTIVE',
            );
            const [only] = active;
            return (
              active.length === 1 && only && [...only.codes.keys()].sort().join() === codes.join() && only
            );
          },
          30_000,
        );
        const config = JSON.parse(
          onSale.metafields.get('$app:referrals.function-configuration')?.value ?? '{}',
        );
        expect(config.programVersionId).toBe(versions.find((v) => v.version === 2)?.id);

        // A second start: nothing is seeded again, but a fresh emulator learns the customers again.
        const clicks = await countClicks(engine.db, merchant.id);
        const restarted = new ShopState(shop);
        const second = await seedSandbox({ ...deps, emulatorShop: restarted });
        expect(second).toMatchObject({ seeded: false, orders: 0, clicks: 0, refunds: 0 });
        expect(await rowsOf(engine.db, 'inbound_events', merchant.id)).toHaveLength(first.orders + 1);
        expect(await rowsOf(engine.db, 'program_versions', merchant.id)).toHaveLength(2);
        expect(await rowsOf(engine.db, 'advocates', merchant.id)).toHaveLength(40);
        expect(await countClicks(engine.db, merchant.id)).toBe(clicks);
        expect(restarted.customers.size).toBeGreaterThan(100);
        const alone = new ShopState(shop);
        rememberSandboxCustomers(alone);
        expect([...alone.customers.keys()].sort()).toEqual([...restarted.customers.keys()].sort());
      } finally {
        await stack.close();
      }
    },
  );
});
