// crm-flush's job ids and hand-overs on a real BullMQ queue (Redis, a fresh prefix per test) and,
// for the job itself, real PostgreSQL (a fresh database per file): what Redis holds is read back.
import { markContactsChanged } from '@referrals/core';
import { buildAdvocate, buildMerchant, buildProgram, RecordingCrmWriter } from '@referrals/core/testing';
import { dbTest } from '@referrals/core/testing/fixtures';
import { pino } from 'pino';
import { describe, expect } from 'vitest';
import { openTestQueues, type TestQueues } from '../testing/queues.js';
import { crmFlushJob, flushCrmNow, scheduleCrmFlush } from './crm-flush.js';
import type { CrmSyncConfig, JobDeps } from './define-job.js';

const test = dbTest.extend<{ redis: TestQueues }>({
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads fixture dependencies from this pattern.
  redis: async ({}, use) => {
    const redis = await openTestQueues();
    await use(redis);
    await redis.close();
  },
});

const merchantId = '00000000-0000-4000-8000-000000000001';
const id = (window: number, merchant = merchantId) => `crm-flush-${merchant}-${window}`;
const crmConfig = (overrides: Partial<CrmSyncConfig> = {}): CrmSyncConfig => ({
  platform: 'hubspot',
  flushDelayMs: 1000,
  batchesPerFlush: 10,
  flushConcurrency: 6,
  linkFor: null,
  ...overrides,
});

/** The crm-sync queue's jobs; nothing may land on another queue. */
async function flushJobs(redis: TestQueues) {
  for (const other of ['inbound', 'rewards', 'scheduled'] as const)
    expect(await redis.jobs(other)).toEqual([]);
  return redis.jobs('crm-sync');
}

const flushJob = (window: number, delay: number, state: string, merchant = merchantId) => ({
  id: id(window, merchant),
  name: 'crm-flush',
  data: { merchantId: merchant, window },
  delay,
  state,
});

describe('flush job ids: one job per merchant and window', () => {
  test('a change schedules the job of its window, run one window later', async ({ redis }) => {
    const deps = { crm: crmConfig(), enqueue: redis.enqueue };
    await scheduleCrmFlush(deps, merchantId, 5_400, 5_400);
    expect(await flushJobs(redis)).toEqual([flushJob(5, 1000, 'delayed')]);
    await scheduleCrmFlush(deps, merchantId, 5_900, 5_900);
    // The second change asked for the same job, which Redis already held: still one job.
    expect(await redis.adds('crm-sync')).toEqual([
      { jobId: id(5), outcome: 'added' },
      { jobId: id(5), outcome: 'duplicated' },
    ]);
    expect(await flushJobs(redis)).toEqual([flushJob(5, 1000, 'delayed')]);
    // Alone, the second change asks for that job with the same delay: one window after it.
    await redis.queues['crm-sync'].remove(id(5));
    await scheduleCrmFlush(deps, merchantId, 5_900, 5_900);
    expect(await flushJobs(redis)).toEqual([flushJob(5, 1000, 'delayed')]);
  });

  test('a flush now takes the window of now, at once', async ({ redis }) => {
    const deps = { crm: crmConfig(), enqueue: redis.enqueue };
    expect(await flushCrmNow(deps, merchantId, undefined, 5_400)).toBe(5);
    expect(await flushJobs(redis)).toEqual([flushJob(5, 0, 'waiting')]);
  });

  test('jobs shorter than a window hand over to ever later windows, never to their own', async ({
    redis,
  }) => {
    const deps = { crm: crmConfig(), enqueue: redis.enqueue };
    let window = await flushCrmNow(deps, merchantId, undefined, 5_100);
    expect(window).toBe(5);
    window = await flushCrmNow(deps, merchantId, window, 5_300);
    expect(window).toBe(6);
    window = await flushCrmNow(deps, merchantId, window, 5_500);
    expect(window).toBe(7);
    // Time catches up with the chain: the window of now again.
    expect(await flushCrmNow(deps, merchantId, window, 9_050)).toBe(9);
    expect(await redis.adds('crm-sync')).toEqual(
      [5, 6, 7, 9].map((w) => ({ jobId: id(w), outcome: 'added' })),
    );
    expect(await flushJobs(redis)).toEqual([5, 6, 7, 9].map((w) => flushJob(w, 0, 'waiting')));
  });

  test('a hand-over joins the job a change already asked for in that window (no second flush)', async ({
    redis,
  }) => {
    const deps = { crm: crmConfig(), enqueue: redis.enqueue };
    await scheduleCrmFlush(deps, merchantId, 7_100, 7_100);
    expect(await flushCrmNow(deps, merchantId, 5, 7_600)).toBe(7);
    expect(await redis.adds('crm-sync')).toEqual([
      { jobId: id(7), outcome: 'added' },
      { jobId: id(7), outcome: 'duplicated' },
    ]);
    // The change's job stands as it was: it still runs after the window, once.
    expect(await flushJobs(redis)).toEqual([flushJob(7, 1000, 'delayed')]);
  });

  test('a job ending before its window does asks for a later one, run after that window ends', async ({
    redis,
  }) => {
    const deps = { crm: crmConfig(), enqueue: redis.enqueue };
    await scheduleCrmFlush(deps, merchantId, 7_200, 7_200, 7);
    expect(await flushJobs(redis)).toEqual([flushJob(8, 1800, 'delayed')]);
  });
});

describe('the crm-flush job hands over on the real queue', () => {
  // Windows of an hour: a test never straddles the end of its window.
  const width = 3_600_000;
  const linkFor = (code: string) => `https://app.test/r/${code}`;

  function jobDeps(redis: TestQueues, engine: JobDeps['engine'], crm: Partial<CrmSyncConfig>): JobDeps {
    return {
      engine,
      logger: pino({ level: 'silent' }),
      rewardIssuer: null,
      friendOfferIssuer: null,
      checkoutDiscounts: null,
      crmWriter: new RecordingCrmWriter(),
      crm: crmConfig({ flushDelayMs: width, linkFor, ...crm }),
      orderSource: null,
      storefrontTracking: null,
      platformNotifier: null,
      mappers: {},
      inboundResolvers: {},
      enqueue: redis.enqueue,
    };
  }

  async function merchantWithQueuedContacts(engine: JobDeps['engine'], count: number) {
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

  test('a job that ends before its window asks for the window after its own; one without a window does not', async ({
    redis,
    engine,
  }) => {
    const deps = jobDeps(redis, engine, {});
    const merchant = await merchantWithQueuedContacts(engine, 1);
    const before = Date.now();
    const window = Math.floor(before / width);
    const result = await crmFlushJob.handle({ merchantId: merchant, window }, deps);
    const after = Date.now();
    expect(result).toMatchObject({ batches: 1, written: 1, next: null });
    const [job, ...others] = await flushJobs(redis);
    expect(others).toEqual([]);
    expect(job).toMatchObject({
      id: id(window + 1, merchant),
      data: { merchantId: merchant, window: window + 1 },
    });
    // Run once the next window has ended: after every change of it is committed.
    expect(job!.delay).toBeGreaterThanOrEqual((window + 2) * width - after);
    expect(job!.delay).toBeLessThanOrEqual((window + 2) * width - before);
    expect(job!.state).toBe('delayed');

    // A job queued before windows were recorded, with nothing left: no further job.
    await redis.queues['crm-sync'].obliterate({ force: true });
    expect(await crmFlushJob.handle({ merchantId: merchant }, deps)).toMatchObject({
      batches: 0,
      next: null,
    });
    expect(await flushJobs(redis)).toEqual([]);
  });

  test('a job that uses up its batches hands over at once to the next window, and schedules nothing else', async ({
    redis,
    engine,
  }) => {
    const deps = jobDeps(redis, engine, { batchesPerFlush: 1, flushConcurrency: 1 });
    const merchant = await merchantWithQueuedContacts(engine, 2);
    const window = Math.floor(Date.now() / width);
    const result = await crmFlushJob.handle({ merchantId: merchant, window }, deps);
    expect(result).toMatchObject({ batches: 1, written: 2, handedOver: true });
    expect((deps.crmWriter as RecordingCrmWriter).writes).toHaveLength(1);
    expect(await flushJobs(redis)).toEqual([flushJob(window + 1, 0, 'waiting', merchant)]);
  });
});
