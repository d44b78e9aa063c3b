// CRM sync on real PostgreSQL and Redis: outbox -> contact-changed -> coalescing queue ->
// crm-flush -> CrmWriter (a recording double), with bursts, partial failures and a revoked token.
import { randomBytes } from 'node:crypto';
import { crmSyncStatus, type EngineContext, unparkCrmSync } from '@referrals/core';
import {
  buildAdvocate,
  buildMerchant,
  buildProgram,
  countPendingOutbox,
  orderFacts,
  RecordingCrmWriter,
  rowsOf,
} from '@referrals/core/testing';
import { dbTest as test } from '@referrals/core/testing/fixtures';
import { pino } from 'pino';
import { describe, expect } from 'vitest';
import { startWorker, type WorkerRuntimeOptions } from './runtime.js';
import { waitFor } from './testing/wait-for.js';
import { receive } from './testing/webhooks.js';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const linkFor = (code: string, shop: string | null) => `https://app.test/r/${code}?shop=${shop}`;

/** Runs `body` against a worker with this writer, then closes it and empties its Redis keys. */
async function withWorker(
  engine: EngineContext,
  writer: RecordingCrmWriter,
  extra: Partial<WorkerRuntimeOptions>,
  body: () => Promise<void>,
) {
  const runtime = await startWorker({
    engine,
    redisUrl,
    logger,
    prefix: `t-${randomBytes(4).toString('hex')}`,
    housekeeping: false,
    crmWriter: writer,
    ...extra,
    crm: { linkFor, flushDelayMs: 300, ...extra.crm },
  });
  try {
    await body();
  } finally {
    await runtime.close();
  }
}

/** A CRM that takes `ms` to answer; records when each call began and the most calls at once. */
class SlowCrmWriter extends RecordingCrmWriter {
  readonly startedAt: number[] = [];
  maxInFlight = 0;
  private inFlight = 0;

  constructor(private readonly ms: number) {
    super();
  }

  override async write(...args: Parameters<RecordingCrmWriter['write']>) {
    this.startedAt.push(Date.now());
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, this.ms));
      return await super.write(...args);
    } finally {
      this.inFlight -= 1;
    }
  }
}

/** Every write stays within a CRM batch and names each email once. */
function expectWellFormedBatches(writer: RecordingCrmWriter) {
  for (const { contacts } of writer.writes) {
    expect(contacts.length).toBeGreaterThan(0);
    expect(contacts.length).toBeLessThanOrEqual(100);
    expect(new Set(contacts.map((c) => c.email)).size).toBe(contacts.length);
  }
}

const queueOf = (engine: EngineContext, merchantId: string) =>
  rowsOf(engine.db, 'crm_sync_queue', merchantId);

async function referralScenario(engine: EngineContext) {
  const merchant = await buildMerchant(engine.db);
  const { programId } = await buildProgram(engine.db, merchant.id);
  const advocate = await buildAdvocate(engine.db, merchant.id, programId);
  const order = orderFacts({ referralCode: advocate.code, totalMinor: 12_345 });
  return { merchant, advocate, order, friendEmail: order.customer!.email!.toLowerCase() };
}

describe('CRM sync in the worker', () => {
  test('an order paid with a code puts both contacts in the CRM within seconds', async ({ engine }) => {
    const writer = new RecordingCrmWriter();
    await withWorker(engine, writer, {}, async () => {
      const { merchant, advocate, order, friendEmail } = await referralScenario(engine);
      const paidAt = Date.now();
      await receive(engine, merchant.id, 'evt-paid', { type: 'OrderPaid', ...order });
      await waitFor(
        'both contacts written',
        async () =>
          writer.contact(merchant.id, friendEmail)?.referral_status === 'approved' &&
          writer.contact(merchant.id, advocate.email)?.successful_referrals === '1',
        10_000,
      );
      expect(Date.now() - paidAt).toBeLessThan(5000);
      expect(writer.contact(merchant.id, advocate.email)).toMatchObject({
        referral_code: advocate.code,
        referral_link: `https://app.test/r/${advocate.code}?shop=${merchant.shopDomain}`,
        referral_revenue: '123.45',
        rewards_earned: '0.00',
        referral_status: 'advocate',
        advocate_score: expect.stringMatching(/^\d+$/),
        last_referral_at: expect.stringMatching(/^\d{13}$/),
      });
      expect(writer.contact(merchant.id, friendEmail)).toEqual({
        referred_by: advocate.email,
        referral_source: 'link',
        referral_status: 'approved',
      });
      await waitFor('queue drained', async () => (await queueOf(engine, merchant.id)).length === 0);
      expectWellFormedBatches(writer);
      // The enrolment, the referral, its approval and the held rewards: a few flushes, not one per change.
      expect(writer.writes.length).toBeLessThanOrEqual(3);
    });
  });

  test('a burst of 250 changes goes out as three batches', async ({ engine }) => {
    const writer = new RecordingCrmWriter();
    const merchant = await buildMerchant(engine.db);
    const { programId } = await buildProgram(engine.db, merchant.id);
    // Enrolled before the worker starts: the relay then hands over all 250 changes at once.
    const emails = new Set<string>();
    for (let i = 0; i < 250; i++) emails.add((await buildAdvocate(engine.db, merchant.id, programId)).email);
    await withWorker(engine, writer, { crm: { flushDelayMs: 2000 } }, async () => {
      await waitFor(
        '250 contacts written',
        async () => writer.contactsWritten(merchant.id).length >= 250,
        20_000,
      );
      await waitFor('queue drained', async () => (await queueOf(engine, merchant.id)).length === 0);
      // Sorted: the flush writes its batches concurrently.
      expect(writer.writes.map((w) => w.contacts.length).sort()).toEqual([100, 100, 50]);
      expect(new Set(writer.contactsWritten(merchant.id).map((c) => c.email))).toEqual(emails);
      expectWellFormedBatches(writer);
    });
  });

  test('a backlog beyond one flush job hands over at once, with batches written concurrently', async ({
    engine,
  }) => {
    const writer = new SlowCrmWriter(200);
    const merchant = await buildMerchant(engine.db);
    const { programId } = await buildProgram(engine.db, merchant.id);
    for (let i = 0; i < 300; i++) await buildAdvocate(engine.db, merchant.id, programId);
    const crm = { flushDelayMs: 3000, batchesPerFlush: 2, flushConcurrency: 2 };
    await withWorker(engine, writer, { crm }, async () => {
      await waitFor(
        '300 contacts written',
        async () => writer.contactsWritten(merchant.id).length >= 300,
        20_000,
      );
      await waitFor('queue drained', async () => (await queueOf(engine, merchant.id)).length === 0);
      expect(writer.writes.map((w) => w.contacts.length).sort()).toEqual([100, 100, 100]);
      // The first job wrote two batches side by side; the third batch, beyond its limit, went out from the
      // next job at once, not a flush delay (3 s) later. That job may claim while the first job's
      // second batch is still in flight (the hand-over overlaps it by design), so at most three
      // writes are ever in flight: two of the first job and the first of the next.
      const [first, , third] = writer.startedAt;
      expect(writer.maxInFlight).toBeGreaterThanOrEqual(2);
      expect(writer.maxInFlight).toBeLessThanOrEqual(3);
      expect(third! - first!).toBeLessThan(1500);
    });
  });

  test('a partial failure retries only the refused contact', async ({ engine }) => {
    const writer = new RecordingCrmWriter();
    await withWorker(engine, writer, {}, async () => {
      const { merchant, advocate, order, friendEmail } = await referralScenario(engine);
      writer.failEmail(friendEmail, { retryable: true, times: 1 });
      await receive(engine, merchant.id, 'evt-paid', { type: 'OrderPaid', ...order });
      await waitFor(
        'friend written after its retry',
        async () => writer.contact(merchant.id, friendEmail),
        15_000,
      );
      await waitFor('queue drained', async () => (await queueOf(engine, merchant.id)).length === 0);
      const refusedIn = writer.writes.findIndex((w) => w.contacts.some((c) => c.email === friendEmail));
      expect(writer.writes[refusedIn]?.contacts.map((c) => c.email)).toContain(advocate.email);
      // The retry, five seconds on, carries the refused contact alone.
      expect(writer.writes.at(-1)?.contacts.map((c) => c.email)).toEqual([friendEmail]);
      expectWellFormedBatches(writer);
    });
  });

  test('a revoked token parks the sync and loses nothing; after the reconnect everything arrives', async ({
    engine,
  }) => {
    const writer = new RecordingCrmWriter();
    writer.block = { reason: 'reconnect_needed', retryAfterMs: null };
    await withWorker(engine, writer, { housekeeping: true, crm: { sweepEveryMs: 300 } }, async () => {
      const { merchant, advocate, order, friendEmail } = await referralScenario(engine);
      await receive(engine, merchant.id, 'evt-paid', { type: 'OrderPaid', ...order });
      await waitFor('parked', async () => {
        const status = await crmSyncStatus(engine.db, merchant.id, 'hubspot');
        return status.parkedReason === 'reconnect_needed' && status.pending === 2;
      });
      await waitFor('outbox relayed', async () => (await countPendingOutbox(engine.db)) === 0);
      // Parked: the changes that keep coming are queued, and no write is tried.
      const refused = writer.refused;
      await new Promise((r) => setTimeout(r, 1500));
      expect(writer.refused).toBe(refused);
      expect(writer.writes).toEqual([]);
      expect((await crmSyncStatus(engine.db, merchant.id, 'hubspot')).pending).toBe(2);

      writer.block = null;
      await unparkCrmSync(engine.db, { merchantId: merchant.id, platform: 'hubspot' });
      await waitFor(
        'delivered after the reconnect',
        async () =>
          writer.contact(merchant.id, friendEmail)?.referral_status === 'approved' &&
          writer.contact(merchant.id, advocate.email)?.successful_referrals === '1',
        10_000,
      );
      await waitFor('queue drained', async () => (await queueOf(engine, merchant.id)).length === 0);
      expectWellFormedBatches(writer);
    });
  });
});
