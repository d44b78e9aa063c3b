// The whole pipeline on real PostgreSQL and real Redis: inbox -> outbox relay -> inbound queue ->
// engine -> scheduled release -> rewards queue -> RewardIssuer, and back on a refund.
import { randomBytes } from 'node:crypto';
import {
  accountBalance,
  accountKeys,
  allRowsOf,
  buildAdvocate,
  buildMerchant,
  buildProgram,
  countPendingOutbox,
  orderFacts,
  RecordingRewardIssuer,
  rowsOf,
} from '@referrals/core/testing';
import { dbTest as test } from '@referrals/core/testing/fixtures';
import { pino } from 'pino';
import { describe, expect } from 'vitest';
import { OutboxRelay } from './relay.js';
import { startWorker } from './runtime.js';
import { waitFor } from './testing/wait-for.js';
import { receive } from './testing/webhooks.js';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

describe('worker pipeline', () => {
  test('order paid -> held -> released -> issued once, then clawed back on refund', async ({ engine }) => {
    const prefix = `t-${randomBytes(4).toString('hex')}`;
    const issuer = new RecordingRewardIssuer();
    const runtime = await startWorker({
      engine,
      redisUrl,
      logger,
      rewardIssuer: issuer,
      prefix,
      housekeeping: false,
    });
    try {
      const merchant = await buildMerchant(engine.db);
      const { programId } = await buildProgram(engine.db, merchant.id, { holdDays: 0 });
      const advocate = await buildAdvocate(engine.db, merchant.id, programId);
      const order = orderFacts({ referralCode: advocate.code, totalMinor: 10_000 });
      // The same webhook five times: stored once, rewarded once.
      for (let i = 0; i < 5; i++) {
        await receive(engine, merchant.id, 'evt-paid', { type: 'OrderPaid', ...order });
      }
      const issued = await waitFor('reward issued', async () => {
        const [r] = await rowsOf(engine.db, 'rewards', merchant.id);
        return r?.status === 'issued' ? r : null;
      });
      expect(issuer.issued).toHaveLength(1);
      expect(issuer.issued[0]).toMatchObject({ rewardId: issued.id, amountMinor: 1000 });

      await receive(engine, merchant.id, 'evt-refund', {
        type: 'OrderRefunded',
        orderId: order.orderId,
        refundId: 'rf-1',
        amountMinor: 10_000,
        currency: 'USD',
        occurredAt: new Date().toISOString(),
      });
      await waitFor('claw-back done', async () => {
        const [c] = await allRowsOf(engine.db, 'reward_clawbacks', { rewardId: issued.id });
        return c?.status === 'done';
      });
      expect(issuer.clawedBack).toEqual([
        expect.objectContaining({ rewardId: issued.id, amountMinor: 1000 }),
      ]);
      const [after] = await allRowsOf(engine.db, 'rewards', { id: issued.id });
      expect(after?.status).toBe('reversed');
      expect(await accountBalance(engine.db, merchant.id, accountKeys.expense, 'USD')).toBe(0);
      await waitFor('outbox drained', async () => (await countPendingOutbox(engine.db)) === 0);
    } finally {
      await runtime.close();
    }
  });

  test('two workers racing on one advocate never pay past the cap', async ({ engine }) => {
    const prefix = `t-${randomBytes(4).toString('hex')}`;
    const issuer = new RecordingRewardIssuer();
    const options = {
      engine,
      redisUrl,
      logger,
      rewardIssuer: issuer,
      prefix,
      housekeeping: false,
      concurrency: 8,
    };
    const [a, b] = [await startWorker(options), await startWorker(options)];
    try {
      const merchant = await buildMerchant(engine.db);
      const { programId } = await buildProgram(engine.db, merchant.id, {
        holdDays: 0,
        caps: { perAdvocatePerMonth: { count: 3 } },
        fraud: { rules: { velocity: { enabled: false } } },
      });
      const advocate = await buildAdvocate(engine.db, merchant.id, programId);
      await Promise.all(
        Array.from({ length: 12 }, (_, i) => {
          const order = orderFacts({ referralCode: advocate.code });
          return receive(engine, merchant.id, `race-${i}`, { type: 'OrderPaid', ...order });
        }),
      );
      await waitFor('all 12 orders processed', async () => {
        const rows = await rowsOf(engine.db, 'inbound_events', merchant.id);
        return rows.length === 12 && rows.every((r) => r.status === 'processed');
      });
      await waitFor('outbox drained', async () => (await countPendingOutbox(engine.db)) === 0);
      await waitFor('issued', async () => {
        const rows = await rowsOf(engine.db, 'rewards', merchant.id);
        return rows.length > 0 && rows.every((r) => r.status === 'issued');
      });
      const granted = await rowsOf(engine.db, 'rewards', merchant.id);
      expect(granted).toHaveLength(3);
      expect(issuer.issued.filter((i) => i.merchantId === merchant.id)).toHaveLength(3);
    } finally {
      await a.close();
      await b.close();
    }
  });

  test('close() lets a job that is under way finish before the worker stops', async ({ engine }) => {
    const prefix = `t-${randomBytes(4).toString('hex')}`;
    let started!: () => void;
    const issuing = new Promise<void>((r) => {
      started = r;
    });
    const slow = new RecordingRewardIssuer();
    const issuer = {
      issue: async (request: Parameters<RecordingRewardIssuer['issue']>[0]) => {
        started();
        await new Promise((r) => setTimeout(r, 400));
        return slow.issue(request);
      },
      clawBack: slow.clawBack.bind(slow),
    };
    const runtime = await startWorker({
      engine,
      redisUrl,
      logger,
      rewardIssuer: issuer,
      prefix,
      housekeeping: false,
    });
    const merchant = await buildMerchant(engine.db);
    const { programId } = await buildProgram(engine.db, merchant.id, { holdDays: 0 });
    const advocate = await buildAdvocate(engine.db, merchant.id, programId);
    const order = orderFacts({ referralCode: advocate.code });
    await receive(engine, merchant.id, 'graceful', { type: 'OrderPaid', ...order });
    await issuing;
    await runtime.close();
    const [reward] = await rowsOf(engine.db, 'rewards', merchant.id);
    expect(reward?.status).toBe('issued');
    expect(slow.issued).toHaveLength(1);
  });

  test('the outbox keeps every row while Redis is down and relays them when it is back', async ({
    engine,
  }) => {
    const merchant = await buildMerchant(engine.db);
    const before = await countPendingOutbox(engine.db);
    await receive(engine, merchant.id, 'evt-x', {
      type: 'CustomerCreated',
      customer: { id: 'c1', email: 'c1@example.org' },
      occurredAt: new Date().toISOString(),
    });
    const prefix = `t-${randomBytes(4).toString('hex')}`;
    const { Queue } = await import('bullmq');
    const { producerConnection, queueNames } = await import('./queues.js');
    const open = (url: string) => {
      const connection = producerConnection(url);
      connection.on('error', () => {});
      return {
        connection,
        queues: Object.fromEntries(queueNames.map((n) => [n, new Queue(n, { connection, prefix })])) as never,
      };
    };
    const dead = open('redis://127.0.0.1:1'); // nothing listens there
    await expect(
      new OutboxRelay(engine.db, dead.queues, logger, { publishTimeoutMs: 500 }).relayOnce(),
    ).rejects.toThrow(/timed out/);
    expect(await countPendingOutbox(engine.db)).toBe(before + 1);
    dead.connection.disconnect();

    const live = open(redisUrl);
    const relay = new OutboxRelay(engine.db, live.queues, logger);
    expect(await relay.relayOnce()).toBe(before + 1);
    expect(await countPendingOutbox(engine.db)).toBe(0);
    const inbound = (live.queues as Record<string, InstanceType<typeof Queue>>).inbound!;
    expect(await inbound.getWaitingCount()).toBeGreaterThanOrEqual(1);
    await inbound.obliterate({ force: true });
    live.connection.disconnect();
  });
});
