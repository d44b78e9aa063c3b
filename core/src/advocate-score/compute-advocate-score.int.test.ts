// The advocate score from real referrals on PostgreSQL: what is loaded, batched = single, and
// nothing of another merchant counts.
import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { explainOrder } from '../attribution/index.js';
import { ClickWriter } from '../clicks/index.js';
import type { EngineContext } from '../context.js';
import type { Database } from '../db/client.js';
import { clicks, orders, programVersions, referralCodes, referrals } from '../db/schema/index.js';
import { reviewReferral } from '../qualification/index.js';
import { dbTest as test } from '../testing/fixtures.js';
import { buildAdvocate, buildMerchant, buildProgram, deliver, orderFacts } from '../testing/index.js';
import { computeAdvocateScore, computeAdvocateScores } from './compute-advocate-score.js';
import { loadAdvocateScoreInputs } from './repository.js';
import { scoreAdvocate } from './score-advocate.js';

const DAY = 86_400_000;
type Advocate = { advocateId: string; code: string };

async function click(engine: EngineContext, merchantId: string, advocate: Advocate, times: number) {
  const [code] = await engine.db
    .select({ id: referralCodes.id })
    .from(referralCodes)
    .where(and(eq(referralCodes.merchantId, merchantId), eq(referralCodes.code, advocate.code)));
  const writer = new ClickWriter(engine.db, { ipHashSalt: engine.ipHashSalt });
  for (let i = 0; i < times; i++) {
    writer.record({ merchantId, codeId: code!.id, advocateId: advocate.advocateId, visitorId: `v-${i}` });
  }
  await writer.close();
}

async function paid(engine: EngineContext, merchantId: string, advocate: Advocate, facts = {}) {
  const order = orderFacts({ referralCode: advocate.code, ...facts });
  expect(await deliver(engine, merchantId, { type: 'OrderPaid', ...order })).toEqual({ status: 'processed' });
  return order;
}

async function refund(engine: EngineContext, merchantId: string, orderId: string, amountMinor: number) {
  const event = {
    orderId,
    refundId: `refund-${orderId}`,
    amountMinor,
    currency: 'USD',
    occurredAt: new Date(),
  };
  await deliver(engine, merchantId, { type: 'OrderRefunded', ...event });
}

async function statusOf(engine: EngineContext, merchantId: string, orderId: string) {
  return (await explainOrder(engine.db, merchantId, orderId))?.referral;
}

/** A referral of another merchant that names this advocate: a bug elsewhere must not leak in. */
async function foreignRows(db: Database, foreignMerchantId: string, programId: string, advocate: Advocate) {
  const [version] = await db.select().from(programVersions).where(eq(programVersions.programId, programId));
  const [order] = await db
    .insert(orders)
    .values({
      merchantId: foreignMerchantId,
      platformOrderId: 'foreign-1',
      totalMinor: 9_999_900,
      currency: 'USD',
    })
    .returning();
  await db.insert(referrals).values({
    merchantId: foreignMerchantId,
    advocateId: advocate.advocateId,
    orderId: order!.id,
    programVersionId: version!.id,
    source: 'code',
    status: 'approved',
    firstArrivedAt: new Date(),
  });
  const [code] = await db
    .select()
    .from(referralCodes)
    .where(eq(referralCodes.advocateId, advocate.advocateId));
  await db.insert(clicks).values(
    Array.from({ length: 7 }, (_, i) => ({
      merchantId: foreignMerchantId,
      codeId: code!.id,
      advocateId: advocate.advocateId,
      visitorId: `foreign-${i}`,
      occurredAt: new Date(),
    })),
  );
}

describe('computeAdvocateScore', () => {
  test('loads each input from the referral workflows, batched equals single, merchants stay apart', async ({
    engine,
  }) => {
    const { db } = engine;
    const merchant = await buildMerchant(db);
    const { programId } = await buildProgram(db, merchant.id, {
      eligibility: { minimumOrderMinor: 2_000 },
      fraud: { rules: { velocity: { enabled: false } } },
    });
    const a = await buildAdvocate(db, merchant.id, programId);
    const b = await buildAdvocate(db, merchant.id, programId);
    const idle = await buildAdvocate(db, merchant.id, programId);
    const m = merchant.id;

    await click(engine, m, a, 4);
    const o1 = await paid(engine, m, a, { totalMinor: 9_000, subtotalMinor: 8_000 });
    const o2 = await paid(engine, m, a, { totalMinor: 5_000, subtotalMinor: 5_000 });
    await refund(engine, m, o2.orderId, 1_000); // still approved, 4,000 kept
    const o3 = await paid(engine, m, a, { totalMinor: 7_000, subtotalMinor: 7_000, currency: 'EUR' });
    const small = await paid(engine, m, a, { totalMinor: 1_000, subtotalMinor: 1_000 }); // under the minimum
    const held = await paid(engine, m, a, { customer: { email: 'one@mailinator.com' } });
    const refused = await paid(engine, m, a, { customer: { email: 'two@mailinator.com' } });
    const gone = await paid(engine, m, a, { totalMinor: 3_000, subtotalMinor: 3_000 });
    await refund(engine, m, gone.orderId, 3_000);
    const refusedReferral = await statusOf(engine, m, refused.orderId);
    await reviewReferral(engine, {
      merchantId: m,
      referralId: refusedReferral!.id,
      verdict: 'reject',
      actor: 'test',
    });

    const statuses = await Promise.all(
      [o1, o2, o3, small, held, refused, gone].map((o) => statusOf(engine, m, o.orderId)),
    );
    expect(statuses.map((r) => r?.status)).toEqual([
      'approved',
      'approved',
      'approved',
      'rejected',
      'review',
      'rejected',
      'reversed',
    ]);
    expect(statuses[3]?.riskFindings).toEqual([]); // an eligibility rejection is no fraud flag

    await click(engine, m, b, 25);
    await paid(engine, m, b, { totalMinor: 2_500, subtotalMinor: 2_500 });

    const other = await buildMerchant(db);
    const otherProgram = await buildProgram(db, other.id);
    const outsider = await buildAdvocate(db, other.id, otherProgram.programId);
    await paid(engine, other.id, outsider);
    await foreignRows(db, other.id, otherProgram.programId, a);

    const successful = await db
      .select({ createdAt: referrals.createdAt })
      .from(referrals)
      .where(
        and(
          eq(referrals.advocateId, a.advocateId),
          inArray(referrals.status, ['approved', 'rewarded']),
          eq(referrals.merchantId, m),
        ),
      );
    const lastReferralAt = new Date(Math.max(...successful.map((r) => r.createdAt.getTime())));
    const now = new Date(lastReferralAt.getTime() + 90 * DAY);

    const ids = [a.advocateId, b.advocateId, idle.advocateId, outsider.advocateId, a.advocateId];
    const inputs = await loadAdvocateScoreInputs(db, { merchantId: m, advocateIds: ids, now });
    expect([...inputs.keys()].sort()).toEqual([a.advocateId, b.advocateId, idle.advocateId].sort());
    expect(inputs.get(a.advocateId)).toEqual({
      successfulReferrals: 3,
      referredRevenueMinor: 13_000,
      currency: 'USD',
      otherCurrencyReferrals: 1,
      clicks: 4,
      purchases: 5, // approved ×3, review, reversed
      lastReferralAt,
      fraudFlags: 2, // the one in review and the one refused after review
      now,
    });
    expect(inputs.get(b.advocateId)).toMatchObject({
      successfulReferrals: 1,
      referredRevenueMinor: 2_500,
      clicks: 25,
      purchases: 1,
      fraudFlags: 0,
    });
    expect(inputs.get(idle.advocateId)).toEqual({
      successfulReferrals: 0,
      referredRevenueMinor: 0,
      currency: 'USD',
      otherCurrencyReferrals: 0,
      clicks: 0,
      purchases: 0,
      lastReferralAt: null,
      fraudFlags: 0,
      now,
    });

    const scores = await computeAdvocateScores(db, { merchantId: m, advocateIds: ids, now });
    for (const advocate of [a, b, idle]) {
      const single = await computeAdvocateScore(db, { merchantId: m, advocateId: advocate.advocateId, now });
      expect(scores.get(advocate.advocateId)).toEqual(single);
    }
    // 3 referrals: 25; USD 130.00: 4; 5 purchases on 4 clicks: 100 % × 4/20 of 15 = 3; 90 days: 10.
    const scoreOfA = scores.get(a.advocateId)!;
    expect(scoreOfA).toEqual(scoreAdvocate(inputs.get(a.advocateId)!));
    expect(scoreOfA.components.map((c) => [c.key, c.points])).toEqual([
      ['referrals', 25],
      ['revenue', 4],
      ['conversion', 3],
      ['recency', 10],
      ['fraud', -30],
    ]);
    expect(scoreOfA.score).toBe(12);
    expect(scoreOfA.components[1]!.detail).toMatch(/1 referred order in other currencies not counted/);
    expect(scores.get(idle.advocateId)?.score).toBe(0);

    await expect(
      computeAdvocateScore(db, { merchantId: m, advocateId: outsider.advocateId, now }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const outsiderScore = await loadAdvocateScoreInputs(db, {
      merchantId: other.id,
      advocateIds: [outsider.advocateId],
      now,
    });
    expect(outsiderScore.get(outsider.advocateId)).toMatchObject({
      successfulReferrals: 1,
      clicks: 0,
      referredRevenueMinor: 10_000,
    });
  });

  test('refuses ids that are not UUIDs and merchants that do not exist', async ({ engine }) => {
    const merchant = await buildMerchant(engine.db);
    const now = new Date();
    await expect(
      computeAdvocateScores(engine.db, { merchantId: merchant.id, advocateIds: ['nope'], now }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(
      computeAdvocateScores(engine.db, {
        merchantId: '00000000-0000-4000-8000-000000000000',
        advocateIds: [],
        now,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await computeAdvocateScores(engine.db, { merchantId: merchant.id, advocateIds: [], now })).toEqual(
      new Map(),
    );
  });
});
