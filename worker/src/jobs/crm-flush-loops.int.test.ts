// runFlushLoops on real PostgreSQL (a fresh database per file) with its hand-over on a real BullMQ
// queue (Redis, a fresh prefix per test). The database itself refuses the claims: a trigger on the
// first statement of every claim counts it (in a sequence, which no rollback undoes) and fails it.
import { type EngineContext, markContactsChanged } from '@referrals/core';
import {
  buildAdvocate,
  buildMerchant,
  buildProgram,
  RecordingCrmWriter,
  rowsOf,
} from '@referrals/core/testing';
import { dbTest } from '@referrals/core/testing/fixtures';
import { pino } from 'pino';
import { expect } from 'vitest';
import { openTestQueues, type TestQueues } from '../testing/queues.js';
import { flushCrmNow } from './crm-flush.js';
import { runFlushLoops } from './crm-flush-loops.js';
import type { CrmSyncConfig } from './define-job.js';

const test = dbTest.extend<{ redis: TestQueues }>({
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads fixture dependencies from this pattern.
  redis: async ({}, use) => {
    const redis = await openTestQueues();
    await use(redis);
    await redis.close();
  },
});

const logger = pino({ level: 'silent' });
const crm: CrmSyncConfig = {
  platform: 'hubspot',
  flushDelayMs: 1000,
  batchesPerFlush: 10,
  flushConcurrency: 3,
  linkFor: (code) => `https://app.test/r/${code}`,
};

/**
 * Every claim begins by updating the merchant's sync state: from now on each such statement is
 * counted and fails. Plain SQL on this file's own database (no query on core's tables).
 */
async function refuseClaims(engine: EngineContext) {
  await engine.db.execute(`
    CREATE SEQUENCE test_claims_refused;
    CREATE FUNCTION test_refuse_claim() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM nextval('test_claims_refused');
      RAISE EXCEPTION 'connection terminated';
    END $$;
    CREATE TRIGGER test_refuse_claim BEFORE UPDATE ON crm_sync_state
      FOR EACH STATEMENT EXECUTE FUNCTION test_refuse_claim();
  `);
  return {
    async count() {
      const { rows } = (await engine.db.execute('SELECT last_value, is_called FROM test_claims_refused')) as {
        rows: { last_value: string; is_called: boolean }[];
      };
      return rows[0]!.is_called ? Number(rows[0]!.last_value) : 0;
    },
    async lift() {
      await engine.db.execute('DROP TRIGGER test_refuse_claim ON crm_sync_state');
    },
  };
}

/** A merchant with `count` enrolled advocates queued for the CRM, all due. */
async function merchantWithQueuedContacts(engine: EngineContext, count: number) {
  const merchant = await buildMerchant(engine.db);
  const { programId } = await buildProgram(engine.db, merchant.id);
  const changes = [];
  for (let i = 0; i < count; i++) {
    const advocate = await buildAdvocate(engine.db, merchant.id, programId);
    changes.push({
      merchantId: merchant.id,
      outboxId: i + 1,
      topic: 'advocate.enrolled',
      aggregateId: advocate.advocateId,
    });
  }
  await markContactsChanged(engine.db, { platform: 'hubspot', changes, at: new Date(Date.now() - 1000) });
  return merchant.id;
}

/** The merchant's queued contacts and when each is next due, by customer. */
const queued = async (engine: EngineContext, merchantId: string) =>
  (await rowsOf(engine.db, 'crm_sync_queue', merchantId))
    .map(({ customerId, nextAttemptAt, attempts }) => ({ customerId, nextAttemptAt, attempts }))
    .sort((a, b) => a.customerId.localeCompare(b.customerId));

/** The message of a failed query: drizzle wraps the driver's error as its cause. */
const messageOf = (error: unknown): string =>
  error instanceof Error && error.cause instanceof Error
    ? error.cause.message
    : String((error as Error)?.message);

test('a loop that fails rejects the run once, with its error, and starts no further loops', async ({
  engine,
  redis,
}) => {
  // Work for every loop: without the failure, three loops would claim.
  const merchantId = await merchantWithQueuedContacts(engine, 3);
  const before = await queued(engine, merchantId);
  expect(before).toHaveLength(3);
  const writer = new RecordingCrmWriter();
  const deps = { engine, logger };
  const flush = (batches: number) => {
    let handedOver = 0;
    const run = runFlushLoops(deps, writer, {
      merchantId,
      platform: crm.platform,
      linkFor: crm.linkFor!,
      batches,
      concurrency: crm.flushConcurrency,
      onBudgetSpent: async () => {
        handedOver += 1;
        await flushCrmNow({ crm, enqueue: redis.enqueue }, merchantId);
      },
    });
    return { run, handedOver: () => handedOver };
  };

  const claims = await refuseClaims(engine);
  try {
    const { run, handedOver } = flush(10);
    const error = await run.then(
      () => null,
      (e: unknown) => e,
    );
    expect(messageOf(error)).toBe('connection terminated');
    expect(await claims.count()).toBe(1);
    expect(handedOver()).toBe(0);
    expect(await redis.jobs('crm-sync')).toEqual([]);
    expect(writer.writes).toEqual([]);
    // Nothing was claimed: the contacts wait, due as before, for the next job.
    expect(await queued(engine, merchantId)).toEqual(before);
  } finally {
    await claims.lift();
  }

  // The same run once the database answers: the loops had work, and hand over when out of batches.
  const { run, handedOver } = flush(1);
  expect(await run).toMatchObject({ batches: 1, written: 3, budgetSpent: true });
  expect(handedOver()).toBe(1);
  expect(await redis.jobs('crm-sync')).toHaveLength(1);
  expect(await claims.count()).toBe(1);
});
