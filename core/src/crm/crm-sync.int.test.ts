// The CRM sync's platform-neutral half on real PostgreSQL: outbox changes -> queued contacts ->
// contact properties -> settled writes, parking, and the resumable backfill.
import { and, asc, eq } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { computeAdvocateScore } from '../advocate-score/index.js';
import { ClickWriter } from '../clicks/index.js';
import type { EngineContext } from '../context.js';
import type { Database } from '../db/client.js';
import { crmSyncQueue, customers, outbox, referralCodes, referrals, rewards } from '../db/schema/index.js';
import type { OrderFacts } from '../events/index.js';
import type { CrmChange } from '../ports.js';
import { issueReward, releaseReward } from '../rewards/index.js';
import { dbTest as test } from '../testing/fixtures.js';
import {
  buildAdvocate,
  buildMerchant,
  buildProgram,
  deliver,
  orderFacts,
  RecordingCrmWriter,
  RecordingRewardIssuer,
} from '../testing/index.js';
import { describeCrmSync } from './describe-crm-sync.js';
import {
  claimContactBatch,
  countBackfillContacts,
  crmSyncStatus,
  enqueueBackfill,
  flushCrmBatch,
  loadCrmContacts,
  markContactsChanged,
  nextCrmFlushAt,
  nextUtcMidnight,
  settleContactBatch,
  unparkCrmSync,
} from './index.js';
import { queueContacts } from './queue.js';

const DAY = 86_400_000;
const platform = 'hubspot' as const;
const linkFor = (code: string, shop: string | null) => `https://app.test/r/${code}?shop=${shop}`;

async function changesOf(db: Database, merchantId: string, topics?: string[]): Promise<CrmChange[]> {
  const rows = await db
    .select()
    .from(outbox)
    .where(eq(outbox.merchantId, merchantId))
    .orderBy(asc(outbox.id));
  return rows
    .filter((r) => !topics || topics.includes(r.topic))
    .map((r) => ({ merchantId: r.merchantId, outboxId: r.id, topic: r.topic, aggregateId: r.aggregateId }));
}

async function queued(db: Database, merchantId: string) {
  return db
    .select()
    .from(crmSyncQueue)
    .where(eq(crmSyncQueue.merchantId, merchantId))
    .orderBy(asc(crmSyncQueue.customerId));
}

const ids = (rows: { customerId: string }[]) => rows.map((r) => r.customerId).sort();

/** An advocate (by `email`) whose friend paid an order with their code: an approved referral. */
async function convertedReferral(engine: EngineContext, email?: string, order: Partial<OrderFacts> = {}) {
  const merchant = await buildMerchant(engine.db);
  const { programId } = await buildProgram(engine.db, merchant.id);
  const advocate = await buildAdvocate(engine.db, merchant.id, programId, email);
  const facts = orderFacts({ referralCode: advocate.code, totalMinor: 10_000, ...order });
  await deliver(engine, merchant.id, { type: 'OrderPaid', ...facts });
  const [referral] = await engine.db.select().from(referrals).where(eq(referrals.merchantId, merchant.id));
  return {
    merchant,
    programId,
    advocate,
    order: facts,
    referral: referral!,
    friendId: referral!.friendCustomerId!,
  };
}

/** Releases and issues every reward of the merchant, as the worker does after the hold. */
async function issueAll(engine: EngineContext, merchantId: string) {
  const later: EngineContext = { ...engine, now: () => new Date(Date.now() + 30 * DAY) };
  const issuer = new RecordingRewardIssuer();
  for (const reward of await engine.db.select().from(rewards).where(eq(rewards.merchantId, merchantId))) {
    await releaseReward(later, { merchantId, rewardId: reward.id });
    await issueReward(later, issuer, { merchantId, rewardId: reward.id });
  }
}

describe('markContactsChanged', () => {
  test('an enrolment queues the advocate; unknown topics and ids are ignored', async ({ engine }) => {
    const merchant = await buildMerchant(engine.db);
    const { programId } = await buildProgram(engine.db, merchant.id);
    const advocate = await buildAdvocate(engine.db, merchant.id, programId);
    const changes = await changesOf(engine.db, merchant.id, ['advocate.enrolled']);
    const noise = [
      {
        merchantId: merchant.id,
        outboxId: 0,
        topic: 'friend_offer.created',
        aggregateId: advocate.advocateId,
      },
      { merchantId: merchant.id, outboxId: 0, topic: 'advocate.enrolled', aggregateId: 'not-a-uuid' },
    ];
    const result = await markContactsChanged(engine.db, {
      platform,
      changes: [...changes, ...noise],
      at: new Date(),
    });
    expect(result).toEqual({ queued: 1, ignored: 2 });
    expect(ids(await queued(engine.db, merchant.id))).toEqual([advocate.customerId]);
  });

  test('a referral created and approved queues its advocate and its friend', async ({ engine }) => {
    const { merchant, advocate, friendId, referral } = await convertedReferral(engine);
    expect(referral.status).toBe('approved');
    const changes = await changesOf(engine.db, merchant.id, ['referral.created', 'referral.status_changed']);
    expect(changes.length).toBeGreaterThanOrEqual(2);
    await markContactsChanged(engine.db, { platform, changes, at: new Date() });
    expect(ids(await queued(engine.db, merchant.id))).toEqual([advocate.customerId, friendId].sort());
  });

  test('a reward issued queues its recipient and both sides of its referral', async ({ engine }) => {
    const { merchant, advocate, friendId } = await convertedReferral(engine);
    await issueAll(engine, merchant.id);
    const issued = await changesOf(engine.db, merchant.id, ['reward.issued']);
    const advocateReward = await engine.db
      .select()
      .from(rewards)
      .where(and(eq(rewards.merchantId, merchant.id), eq(rewards.recipient, 'advocate')));
    const change = issued.find((c) => c.aggregateId === advocateReward[0]!.id)!;
    await markContactsChanged(engine.db, { platform, changes: [change], at: new Date() });
    expect(ids(await queued(engine.db, merchant.id))).toEqual([advocate.customerId, friendId].sort());
  });

  test('five changes to one contact coalesce into one row', async ({ engine }) => {
    const merchant = await buildMerchant(engine.db);
    const { programId } = await buildProgram(engine.db, merchant.id);
    await buildAdvocate(engine.db, merchant.id, programId);
    const [change] = await changesOf(engine.db, merchant.id, ['advocate.enrolled']);
    const start = Date.now();
    for (let i = 0; i < 5; i++) {
      await markContactsChanged(engine.db, { platform, changes: [change!], at: new Date(start + i * 1000) });
    }
    const rows = await queued(engine.db, merchant.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ revision: 5, changedAt: new Date(start + 4000), backfill: false });
  });
});

describe('loadCrmContacts', () => {
  test('an advocate with a converted, rewarded referral and the friend they referred', async ({ engine }) => {
    const { merchant, advocate, friendId, referral, order } = await convertedReferral(
      engine,
      'Ada.Lovelace+shop@Example.com',
    );
    await issueAll(engine, merchant.id);
    const now = new Date();
    const batch = await loadCrmContacts(engine.db, merchant.id, [advocate.customerId, friendId], {
      now,
      linkFor,
    });
    const score = await computeAdvocateScore(engine.db, {
      merchantId: merchant.id,
      advocateId: advocate.advocateId,
      now,
    });
    expect(batch.skipped).toEqual([]);
    expect(batch.contacts).toEqual([
      {
        customerId: advocate.customerId,
        // The address as given, lower-cased: the identity key would drop the +tag and make a new contact.
        email: 'ada.lovelace+shop@example.com',
        properties: {
          referral_code: advocate.code,
          referral_link: `https://app.test/r/${advocate.code}?shop=${merchant.shopDomain}`,
          advocate_score: String(score.score),
          successful_referrals: '1',
          referral_revenue: '100.00',
          rewards_earned: '10.00',
          last_referral_at: String(referral.createdAt.getTime()),
          referral_status: 'advocate',
        },
      },
      {
        customerId: friendId,
        email: order.customer!.email!.toLowerCase(),
        properties: {
          referred_by: 'ada.lovelace+shop@example.com',
          referral_source: 'link',
          referral_status: 'rewarded',
        },
      },
    ]);
    expect(score.score).toBeGreaterThan(0);
  });

  test('the source of a referral: a click on the link, an advocate code typed at checkout', async ({
    engine,
  }) => {
    const merchant = await buildMerchant(engine.db);
    const { programId } = await buildProgram(engine.db, merchant.id);
    const advocate = await buildAdvocate(engine.db, merchant.id, programId);
    const [code] = await engine.db.select().from(referralCodes).where(eq(referralCodes.code, advocate.code));
    const clicks = new ClickWriter(engine.db, { ipHashSalt: engine.ipHashSalt });
    clicks.record({
      merchantId: merchant.id,
      codeId: code!.id,
      advocateId: advocate.advocateId,
      visitorId: 'visitor-1',
      ip: '203.0.113.9',
      at: new Date(Date.now() - DAY),
    });
    await clicks.close();
    const viaLink = orderFacts({ visitorId: 'visitor-1' });
    const viaDiscount = orderFacts({ discountCodes: [advocate.code.toLowerCase()] });
    await deliver(engine, merchant.id, { type: 'OrderPaid', ...viaLink });
    await deliver(engine, merchant.id, { type: 'OrderPaid', ...viaDiscount });
    const friends = await engine.db
      .select({ id: customers.id, pid: customers.platformCustomerId })
      .from(customers)
      .where(eq(customers.merchantId, merchant.id));
    const idOf = (facts: OrderFacts) => friends.find((f) => f.pid === facts.customer!.id)!.id;
    const batch = await loadCrmContacts(engine.db, merchant.id, [idOf(viaLink), idOf(viaDiscount)], {
      now: new Date(),
      linkFor,
    });
    const source = (id: string) =>
      batch.contacts.find((c) => c.customerId === id)?.properties.referral_source;
    expect(source(idOf(viaLink))).toBe('link');
    expect(source(idOf(viaDiscount))).toBe('code');
  });

  test('customers without an email or without referral facts are skipped; one contact per email', async ({
    engine,
  }) => {
    const merchant = await buildMerchant(engine.db);
    const { programId } = await buildProgram(engine.db, merchant.id);
    // Two shop accounts with one address: one CRM contact, the advocate facts of the first.
    const first = await buildAdvocate(engine.db, merchant.id, programId, 'twin@example.com');
    const second = await buildAdvocate(engine.db, merchant.id, programId, 'Twin@Example.com');
    const [noEmail, noFacts] = await engine.db
      .insert(customers)
      .values([
        { merchantId: merchant.id, platformCustomerId: 'no-email' },
        {
          merchantId: merchant.id,
          platformCustomerId: 'quiet',
          email: 'quiet@example.com',
          emailNormalized: 'quiet@example.com',
        },
      ])
      .returning();
    const batch = await loadCrmContacts(
      engine.db,
      merchant.id,
      [first.customerId, second.customerId, noEmail!.id, noFacts!.id],
      { now: new Date(), linkFor },
    );
    expect(batch.skipped.sort()).toEqual([noEmail!.id, noFacts!.id].sort());
    expect(batch.contacts).toHaveLength(1);
    expect(batch.contacts[0]).toMatchObject({
      email: 'twin@example.com',
      properties: { referral_status: 'advocate' },
    });
    const kept = batch.contacts[0]!.customerId;
    const other = kept === first.customerId ? second.customerId : first.customerId;
    expect(batch.sameAs).toEqual({ [other]: kept });
  });
});

/** A merchant with `n` advocates, all queued by their enrolment a second ago. */
async function queuedAdvocates(engine: EngineContext, n: number) {
  const merchant = await buildMerchant(engine.db);
  const { programId } = await buildProgram(engine.db, merchant.id);
  const advocates = [];
  for (let i = 0; i < n; i++) advocates.push(await buildAdvocate(engine.db, merchant.id, programId));
  const changes = await changesOf(engine.db, merchant.id);
  await markContactsChanged(engine.db, { platform, changes, at: new Date(Date.now() - 1000) });
  return { merchant, advocates, customerIds: advocates.map((a) => a.customerId) };
}

const key = (merchantId: string) => ({ merchantId, platform });

describe('claimContactBatch', () => {
  test('claims at most a batch, and concurrent claims never share a contact', async ({ engine }) => {
    const merchant = await buildMerchant(engine.db);
    const people = await engine.db
      .insert(customers)
      .values(
        Array.from({ length: 250 }, (_, i) => ({ merchantId: merchant.id, platformCustomerId: `c-${i}` })),
      )
      .returning();
    await queueContacts(engine.db, {
      ...key(merchant.id),
      customerIds: people.map((p) => p.id),
      at: new Date(Date.now() - 1000),
    });
    const now = new Date();
    const claims = await Promise.all(
      [1, 2, 3].map(() => claimContactBatch(engine.db, { ...key(merchant.id), now })),
    );
    expect(claims.map((c) => c.length).sort()).toEqual([100, 100, 50]);
    expect(new Set(claims.flat().map((c) => c.customerId)).size).toBe(250);
    expect(await claimContactBatch(engine.db, { ...key(merchant.id), now })).toEqual([]);
  });
});

describe('settleContactBatch', () => {
  test('written rows leave the queue; a row changed during the write stays for the next flush', async ({
    engine,
  }) => {
    const { merchant, advocates, customerIds } = await queuedAdvocates(engine, 3);
    const now = new Date();
    const claimed = await claimContactBatch(engine.db, { ...key(merchant.id), now });
    expect(ids(claimed)).toEqual([...customerIds].sort());
    // Claimed rows are leased: a second flush finds nothing.
    expect(await claimContactBatch(engine.db, { ...key(merchant.id), now })).toEqual([]);

    const [enrolled] = await changesOf(engine.db, merchant.id, ['advocate.enrolled']);
    const changed = advocates.find((a) => a.advocateId === enrolled!.aggregateId)!;
    await markContactsChanged(engine.db, { platform, changes: [enrolled!], at: now });

    const outcome = await settleContactBatch(engine.db, {
      ...key(merchant.id),
      claimed,
      result: { written: customerIds, failed: [] },
      now,
    });
    expect(outcome).toMatchObject({
      written: 2,
      changedMeanwhile: 1,
      retrying: 0,
      dropped: [],
      blocked: null,
    });
    const left = await queued(engine.db, merchant.id);
    expect(left).toEqual([
      expect.objectContaining({ customerId: changed.customerId, revision: 2, attempts: 0 }),
    ]);
    expect(ids(await claimContactBatch(engine.db, { ...key(merchant.id), now }))).toEqual([
      changed.customerId,
    ]);
  });

  test('retryable failures back off, refused inputs are dropped, unreported inputs retry', async ({
    engine,
  }) => {
    const { merchant, customerIds } = await queuedAdvocates(engine, 4);
    const [a, b, c, d] = customerIds as [string, string, string, string];
    const now = new Date();
    const claimed = await claimContactBatch(engine.db, { ...key(merchant.id), now });
    const outcome = await settleContactBatch(engine.db, {
      ...key(merchant.id),
      claimed,
      result: {
        written: [a],
        failed: [
          { customerId: b, error: 'busy', retryable: true },
          { customerId: c, error: 'INVALID_EMAIL', retryable: false },
        ],
      },
      now,
    });
    expect(outcome).toMatchObject({
      written: 1,
      retrying: 2,
      dropped: [{ customerId: c, error: 'INVALID_EMAIL' }],
    });
    const left = await queued(engine.db, merchant.id);
    expect(ids(left)).toEqual([b, d].sort());
    for (const row of left) {
      expect(row).toMatchObject({ attempts: 1, nextAttemptAt: new Date(now.getTime() + 5000) });
    }
    expect(left.find((r) => r.customerId === b)?.lastError).toBe('busy');
    expect(left.find((r) => r.customerId === d)?.lastError).toBe('not reported by the CRM writer');
    expect(await claimContactBatch(engine.db, { ...key(merchant.id), now })).toEqual([]);

    // The second failure waits twice as long.
    const later = new Date(now.getTime() + 5000);
    const again = await claimContactBatch(engine.db, { ...key(merchant.id), now: later });
    expect(ids(again)).toEqual([b, d].sort());
    await settleContactBatch(engine.db, {
      ...key(merchant.id),
      claimed: again,
      result: { written: [d], failed: [{ customerId: b, error: 'busy', retryable: true }] },
      now: later,
    });
    expect(await queued(engine.db, merchant.id)).toEqual([
      expect.objectContaining({
        customerId: b,
        attempts: 2,
        nextAttemptAt: new Date(later.getTime() + 10_000),
      }),
    ]);
    expect((await crmSyncStatus(engine.db, merchant.id, platform)).retrying).toBe(1);
  });

  test('a lost connection parks the merchant and keeps every contact until unparked', async ({ engine }) => {
    const { merchant, customerIds } = await queuedAdvocates(engine, 2);
    const now = new Date();
    const claimed = await claimContactBatch(engine.db, { ...key(merchant.id), now });
    const outcome = await settleContactBatch(engine.db, {
      ...key(merchant.id),
      claimed,
      result: { written: [], failed: [], blocked: { reason: 'reconnect_needed', retryAfterMs: null } },
      now,
    });
    expect(outcome.blocked).toEqual({ reason: 'reconnect_needed', retryAfterMs: null });
    const left = await queued(engine.db, merchant.id);
    expect(ids(left)).toEqual([...customerIds].sort());
    expect(left.every((r) => r.lastError === 'reconnect_needed' && r.attempts === 0)).toBe(true);
    const status = await crmSyncStatus(engine.db, merchant.id, platform);
    expect(status).toMatchObject({
      pending: 2,
      parkedReason: 'reconnect_needed',
      parkedAt: now,
      parkedUntil: null,
    });
    expect(status.oldestPendingAt).toBeInstanceOf(Date);
    expect(
      await claimContactBatch(engine.db, { ...key(merchant.id), now: new Date(now.getTime() + DAY) }),
    ).toEqual([]);
    expect(await nextCrmFlushAt(engine.db, key(merchant.id))).toBeNull();

    expect(await unparkCrmSync(engine.db, { ...key(merchant.id), now })).toEqual({
      wasParked: 'reconnect_needed',
      pending: 2,
    });
    expect((await crmSyncStatus(engine.db, merchant.id, platform)).parkedReason).toBeNull();
    expect(ids(await claimContactBatch(engine.db, { ...key(merchant.id), now }))).toEqual(
      [...customerIds].sort(),
    );
  });

  test('a daily limit parks until the next UTC midnight, then lifts by itself', async ({ engine }) => {
    const { merchant, customerIds } = await queuedAdvocates(engine, 2);
    const now = new Date();
    const midnight = nextUtcMidnight(now);
    const claimed = await claimContactBatch(engine.db, { ...key(merchant.id), now });
    await settleContactBatch(engine.db, {
      ...key(merchant.id),
      claimed,
      result: { written: [], failed: [], blocked: { reason: 'daily_limit', retryAfterMs: null } },
      now,
    });
    expect(await crmSyncStatus(engine.db, merchant.id, platform)).toMatchObject({
      pending: 2,
      parkedReason: 'daily_limit',
      parkedUntil: midnight,
    });
    expect(await nextCrmFlushAt(engine.db, key(merchant.id))).toEqual(midnight);
    expect(
      await claimContactBatch(engine.db, { ...key(merchant.id), now: new Date(midnight.getTime() - 1) }),
    ).toEqual([]);
    const after = await claimContactBatch(engine.db, { ...key(merchant.id), now: midnight });
    expect(ids(after)).toEqual([...customerIds].sort());
    expect((await crmSyncStatus(engine.db, merchant.id, platform)).parkedReason).toBeNull();
  });

  test('a call blocked part-way settles what it wrote or refused; only the rest waits', async ({
    engine,
  }) => {
    const { merchant, customerIds } = await queuedAdvocates(engine, 5);
    const [a, b, c, d, e] = customerIds as [string, string, string, string, string];
    const now = new Date();
    const claimed = await claimContactBatch(engine.db, { ...key(merchant.id), now });
    // The first requests went out (a, b written; c refused), then a 429 stopped the call.
    const outcome = await settleContactBatch(engine.db, {
      ...key(merchant.id),
      claimed,
      result: {
        written: [a, b],
        failed: [
          { customerId: c, error: 'INVALID_EMAIL', retryable: false },
          { customerId: d, error: 'busy', retryable: true },
        ],
        blocked: { reason: 'rate_limited', retryAfterMs: 2000 },
      },
      now,
    });
    expect(outcome).toMatchObject({
      written: 2,
      changedMeanwhile: 0,
      retrying: 0,
      dropped: [{ customerId: c, error: 'INVALID_EMAIL' }],
      blocked: { reason: 'rate_limited', retryAfterMs: 2000 },
    });
    const left = await queued(engine.db, merchant.id);
    expect(ids(left)).toEqual([d, e].sort());
    for (const row of left) {
      expect(row).toMatchObject({
        attempts: 0,
        lastError: 'rate_limited',
        nextAttemptAt: new Date(now.getTime() + 2000),
      });
    }
    expect((await crmSyncStatus(engine.db, merchant.id, platform)).parkedReason).toBeNull();
  });

  test('a written row that changed during a blocked call stays queued; a parking keeps the rest', async ({
    engine,
  }) => {
    const { merchant, advocates, customerIds } = await queuedAdvocates(engine, 3);
    const now = new Date();
    const claimed = await claimContactBatch(engine.db, { ...key(merchant.id), now });
    const [enrolled] = await changesOf(engine.db, merchant.id, ['advocate.enrolled']);
    const changed = advocates.find((x) => x.advocateId === enrolled!.aggregateId)!;
    await markContactsChanged(engine.db, { platform, changes: [enrolled!], at: now });
    const others = customerIds.filter((id) => id !== changed.customerId);
    const outcome = await settleContactBatch(engine.db, {
      ...key(merchant.id),
      claimed,
      result: {
        written: [changed.customerId, others[0]!],
        failed: [],
        blocked: { reason: 'reconnect_needed', retryAfterMs: null },
      },
      now,
    });
    expect(outcome).toMatchObject({ written: 1, changedMeanwhile: 1, retrying: 0, dropped: [] });
    const left = await queued(engine.db, merchant.id);
    expect(ids(left)).toEqual([changed.customerId, others[1]!].sort());
    expect(left.find((r) => r.customerId === changed.customerId)).toMatchObject({ revision: 2 });
    expect(left.find((r) => r.customerId === others[1])).toMatchObject({ lastError: 'reconnect_needed' });
    expect((await crmSyncStatus(engine.db, merchant.id, platform)).parkedReason).toBe('reconnect_needed');
  });

  test('a rate limit postpones the batch without parking', async ({ engine }) => {
    const { merchant } = await queuedAdvocates(engine, 2);
    const now = new Date();
    const claimed = await claimContactBatch(engine.db, { ...key(merchant.id), now });
    await settleContactBatch(engine.db, {
      ...key(merchant.id),
      claimed,
      result: { written: [], failed: [], blocked: { reason: 'rate_limited', retryAfterMs: 2000 } },
      now,
    });
    expect((await crmSyncStatus(engine.db, merchant.id, platform)).parkedReason).toBeNull();
    expect(await nextCrmFlushAt(engine.db, key(merchant.id))).toEqual(new Date(now.getTime() + 2000));
    expect(
      await claimContactBatch(engine.db, { ...key(merchant.id), now: new Date(now.getTime() + 1999) }),
    ).toEqual([]);
    expect(
      await claimContactBatch(engine.db, { ...key(merchant.id), now: new Date(now.getTime() + 2000) }),
    ).toHaveLength(2);
  });
});

describe('flushCrmBatch', () => {
  test('claims, writes through the CrmWriter and settles; a throwing writer only postpones', async ({
    engine,
  }) => {
    const { merchant, advocates } = await queuedAdvocates(engine, 3);
    const writer = new RecordingCrmWriter();
    const failing = { write: async () => Promise.reject(new Error('socket hang up')) };
    const first = await flushCrmBatch(engine.db, failing, { ...key(merchant.id), linkFor });
    expect(first).toMatchObject({ claimed: 3, sent: 3, written: 0, retrying: 3 });
    expect((await queued(engine.db, merchant.id)).every((r) => r.lastError === 'socket hang up')).toBe(true);

    await unparkCrmSync(engine.db, key(merchant.id));
    const second = await flushCrmBatch(engine.db, writer, { ...key(merchant.id), linkFor });
    expect(second).toMatchObject({ claimed: 3, sent: 3, written: 3, retrying: 0 });
    expect(writer.writes).toHaveLength(1);
    for (const advocate of advocates) {
      expect(writer.contact(merchant.id, advocate.email)).toMatchObject({
        referral_code: advocate.code,
        successful_referrals: '0',
        referral_status: 'advocate',
      });
    }
    expect(await queued(engine.db, merchant.id)).toEqual([]);
    expect(await flushCrmBatch(engine.db, writer, { ...key(merchant.id), linkFor })).toMatchObject({
      claimed: 0,
    });
    expect(await nextCrmFlushAt(engine.db, key(merchant.id))).toBeNull();
  });
});

describe('last successful write', () => {
  test('a flush that writes contacts records lastSuccessAt; a failing or blocked one leaves it', async ({
    engine,
  }) => {
    const { merchant } = await queuedAdvocates(engine, 2);
    const failing = { write: async () => Promise.reject(new Error('socket hang up')) };
    await flushCrmBatch(engine.db, failing, { ...key(merchant.id), linkFor });
    expect((await describeCrmSync(engine.db, merchant.id, platform)).lastSuccessAt).toBeNull();

    // No state row existed before: the successful settle creates it.
    const at = new Date(Date.now() + 60_000);
    await unparkCrmSync(engine.db, key(merchant.id));
    const writer = new RecordingCrmWriter();
    const flushed = await flushCrmBatch(engine.db, writer, { ...key(merchant.id), linkFor, clock: () => at });
    expect(flushed).toMatchObject({ claimed: 2, written: 2 });
    const status = await describeCrmSync(engine.db, merchant.id, platform);
    expect(status.lastSuccessAt).toEqual(at);
    expect(status).toMatchObject({ pending: 0, lastError: null });

    // A later change the CRM refuses for the day keeps the last success as it was.
    await markContactsChanged(engine.db, {
      platform,
      at: new Date(),
      changes: await changesOf(engine.db, merchant.id, ['advocate.enrolled']),
    });
    writer.block = { reason: 'daily_limit', retryAfterMs: null };
    const blocked = await flushCrmBatch(engine.db, writer, {
      ...key(merchant.id),
      linkFor,
      clock: () => new Date(at.getTime() + 60_000),
    });
    expect(blocked).toMatchObject({ written: 0, blocked: { reason: 'daily_limit' } });
    expect(await crmSyncStatus(engine.db, merchant.id, platform)).toMatchObject({
      parkedReason: 'daily_limit',
      lastSuccessAt: at,
    });
  });
});

describe('enqueueBackfill', () => {
  test('queues every advocate and referred friend once, resumes from its cursor, and repeats harmlessly', async ({
    engine,
  }) => {
    const merchant = await buildMerchant(engine.db);
    const { programId } = await buildProgram(engine.db, merchant.id, {
      fraud: { rules: { velocity: { enabled: false } } },
    });
    const advocates = [];
    for (let i = 0; i < 3; i++) advocates.push(await buildAdvocate(engine.db, merchant.id, programId));
    for (let i = 0; i < 4; i++) {
      const order = orderFacts({ referralCode: advocates[i % 3]!.code });
      await deliver(engine, merchant.id, { type: 'OrderPaid', ...order });
    }
    const friendRows = await engine.db.select().from(referrals).where(eq(referrals.merchantId, merchant.id));
    const expected = [
      ...advocates.map((a) => a.customerId),
      ...friendRows.map((r) => r.friendCustomerId!),
    ].sort();
    expect(expected).toHaveLength(7);
    expect(await countBackfillContacts(engine.db, { merchantId: merchant.id })).toBe(7);

    // Two pages, then the run is interrupted.
    const pages = [];
    for (let i = 0; i < 2; i++)
      pages.push(await enqueueBackfill(engine.db, { ...key(merchant.id), batchSize: 2 }));
    expect(pages.map((p) => p.queued)).toEqual([2, 2]);
    expect(pages[1]!.cursor).toBe(expected[3]);
    const status = await crmSyncStatus(engine.db, merchant.id, platform);
    expect(status.backfill).toMatchObject({ cursor: expected[3], doneAt: null });
    expect(await countBackfillContacts(engine.db, { merchantId: merchant.id, after: pages[1]!.cursor })).toBe(
      3,
    );

    // Resumed: the rest, each contact once.
    let page = pages[1]!;
    let scanned = 4;
    while (!page.done) {
      page = await enqueueBackfill(engine.db, { ...key(merchant.id), batchSize: 2 });
      scanned += page.scanned;
    }
    expect(scanned).toBe(7);
    const rows = await queued(engine.db, merchant.id);
    expect(ids(rows)).toEqual(expected);
    expect(rows.every((r) => r.backfill && r.revision === 1)).toBe(true);
    expect((await crmSyncStatus(engine.db, merchant.id, platform)).backfill).toMatchObject({
      cursor: null,
      doneAt: expect.any(Date),
    });

    // A second full run finds everything queued already.
    const again = [];
    do again.push(await enqueueBackfill(engine.db, { ...key(merchant.id), batchSize: 3 }));
    while (!again.at(-1)!.done);
    expect(again.map((p) => p.queued)).toEqual([0, 0, 0]);
    expect(ids(await queued(engine.db, merchant.id))).toEqual(expected);

    // A live change goes out before the backfill.
    const [enrolled] = await changesOf(engine.db, merchant.id, ['advocate.enrolled']);
    await markContactsChanged(engine.db, { platform, changes: [enrolled!], at: new Date() });
    const live = advocates.find((a) => a.advocateId === enrolled!.aggregateId)!;
    const first = await claimContactBatch(engine.db, { ...key(merchant.id), now: new Date(), limit: 1 });
    expect(ids(first)).toEqual([live.customerId]);
  });
});
