// The life of one referral on real PostgreSQL: click -> paid -> held -> released -> issued, and
// every way it can be reversed.
import { and, eq } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { explainOrder } from '../attribution/index.js';
import { ClickWriter } from '../clicks/index.js';
import type { EngineContext } from '../context.js';
import type { Database } from '../db/client.js';
import { referrals, rewards } from '../db/schema/index.js';
import { accountBalance, accountKeys, findUnbalancedTransactions } from '../ledger/index.js';
import { clawBackReward, issueReward, releaseReward } from '../rewards/index.js';
import { dbTest as test } from '../testing/fixtures.js';
import {
  buildAdvocate,
  buildMerchant,
  buildProgram,
  deliver,
  orderFacts,
  RecordingRewardIssuer,
} from '../testing/index.js';

const DAY = 86_400_000;

async function rewardsOf(db: Database, merchantId: string, advocateId: string) {
  return db
    .select()
    .from(rewards)
    .where(and(eq(rewards.merchantId, merchantId), eq(rewards.advocateId, advocateId)));
}

async function clickAs(
  engine: EngineContext,
  merchantId: string,
  advocate: { advocateId: string; code: string },
  visitorId: string,
  at: Date,
) {
  const writer = new ClickWriter(engine.db, { ipHashSalt: engine.ipHashSalt });
  const [code] = await engine.db.query.referralCodes.findMany({
    where: (c, { eq }) => eq(c.code, advocate.code),
  });
  writer.record({
    merchantId,
    codeId: code!.id,
    advocateId: advocate.advocateId,
    visitorId,
    ip: '203.0.113.9',
    at,
  });
  await writer.close();
}

/** Runs the hold clock forward and lets the worker's release and issue steps run. */
async function releaseAndIssue(
  engine: EngineContext,
  issuer: RecordingRewardIssuer,
  merchantId: string,
  rewardId: string,
) {
  const later: EngineContext = { ...engine, now: () => new Date(Date.now() + 15 * DAY) };
  const released = await releaseReward(later, { merchantId, rewardId });
  const issued = await issueReward(later, issuer, { merchantId, rewardId });
  return { released, issued };
}

describe('one referral, end to end', () => {
  test('click -> order paid -> held -> released -> issued, explained', async ({ engine }) => {
    const merchant = await buildMerchant(engine.db);
    const { programId } = await buildProgram(engine.db, merchant.id);
    const advocate = await buildAdvocate(engine.db, merchant.id, programId);
    await clickAs(engine, merchant.id, advocate, 'visitor-1', new Date(Date.now() - DAY));

    const order = orderFacts({ visitorId: 'visitor-1', subtotalMinor: 8000, totalMinor: 9000 });
    expect(await deliver(engine, merchant.id, { type: 'OrderPaid', ...order })).toEqual({
      status: 'processed',
    });

    const [held] = await rewardsOf(engine.db, merchant.id, advocate.advocateId);
    expect(held).toMatchObject({ status: 'held', amountMinor: 1000, currency: 'USD', kind: 'store_credit' });
    expect(await accountBalance(engine.db, merchant.id, accountKeys.held(advocate.advocateId), 'USD')).toBe(
      -1000,
    );

    // Not due yet: the hold protects the refund window.
    expect(await releaseReward(engine, { merchantId: merchant.id, rewardId: held!.id })).toBe('not_due');

    const issuer = new RecordingRewardIssuer();
    expect(await releaseAndIssue(engine, issuer, merchant.id, held!.id)).toEqual({
      released: 'released',
      issued: 'issued',
    });
    expect(issuer.issued).toHaveLength(1);
    expect(issuer.issued[0]).toMatchObject({
      amountMinor: 1000,
      kind: 'store_credit',
      idempotencyKey: held!.idempotencyKey,
    });
    // Issuing twice pays once.
    expect(await issueReward(engine, issuer, { merchantId: merchant.id, rewardId: held!.id })).toBe(
      'already_issued',
    );
    expect(issuer.issued).toHaveLength(1);

    const [referral] = await engine.db.select().from(referrals).where(eq(referrals.merchantId, merchant.id));
    expect(referral).toMatchObject({ status: 'rewarded', source: 'link' });
    expect(await accountBalance(engine.db, merchant.id, accountKeys.expense, 'USD')).toBe(1000);
    expect(await accountBalance(engine.db, merchant.id, accountKeys.issued(advocate.advocateId), 'USD')).toBe(
      -1000,
    );

    const why = await explainOrder(engine.db, merchant.id, order.orderId);
    expect(why?.credited).toBe(true);
    expect(why?.reasons.join('\n')).toMatch(/visitor-1/);
    expect(await findUnbalancedTransactions(engine.db, merchant.id)).toEqual([]);
  });

  test('an advocate ordering through their own link is never credited, and the reason says so', async ({
    engine,
  }) => {
    const merchant = await buildMerchant(engine.db);
    const { programId } = await buildProgram(engine.db, merchant.id);
    const advocate = await buildAdvocate(engine.db, merchant.id, programId, 'Jane.Doe+promo@Gmail.com');
    const order = orderFacts({
      referralCode: advocate.code.toLowerCase(),
      customer: { email: 'janedoe@gmail.com' },
    });
    await deliver(engine, merchant.id, { type: 'OrderPaid', ...order });
    const why = await explainOrder(engine.db, merchant.id, order.orderId);
    expect(why?.credited).toBe(false);
    expect(why?.decidedBy).toBe('self_referral');
    expect(await rewardsOf(engine.db, merchant.id, advocate.advocateId)).toEqual([]);
  });

  test('a full refund before release voids the held reward', async ({ engine }) => {
    const merchant = await buildMerchant(engine.db);
    const { programId } = await buildProgram(engine.db, merchant.id);
    const advocate = await buildAdvocate(engine.db, merchant.id, programId);
    const order = orderFacts({ referralCode: advocate.code });
    await deliver(engine, merchant.id, { type: 'OrderPaid', ...order });
    await deliver(engine, merchant.id, {
      type: 'OrderRefunded',
      orderId: order.orderId,
      refundId: 'r1',
      amountMinor: 10_000,
      currency: 'USD',
      occurredAt: new Date(),
    });
    const [reward] = await rewardsOf(engine.db, merchant.id, advocate.advocateId);
    expect(reward).toMatchObject({ status: 'voided', reversedMinor: 1000 });
    expect(await accountBalance(engine.db, merchant.id, accountKeys.expense, 'USD')).toBe(0);
    const issuer = new RecordingRewardIssuer();
    expect((await releaseAndIssue(engine, issuer, merchant.id, reward!.id)).released).toBe('noop');
    expect(issuer.issued).toEqual([]);
    const [referral] = await engine.db.select().from(referrals).where(eq(referrals.merchantId, merchant.id));
    expect(referral?.status).toBe('reversed');
  });

  test('a partial refund before release pro-rates the held reward', async ({ engine }) => {
    const merchant = await buildMerchant(engine.db);
    const { programId } = await buildProgram(engine.db, merchant.id, {
      advocateReward: { kind: 'store_credit', bps: 1000 },
    });
    const advocate = await buildAdvocate(engine.db, merchant.id, programId);
    const order = orderFacts({ referralCode: advocate.code, subtotalMinor: 10_000, totalMinor: 10_000 });
    await deliver(engine, merchant.id, { type: 'OrderPaid', ...order });
    await deliver(engine, merchant.id, {
      type: 'OrderRefunded',
      orderId: order.orderId,
      refundId: 'r1',
      amountMinor: 2_500,
      currency: 'USD',
      occurredAt: new Date(),
    });
    const [reward] = await rewardsOf(engine.db, merchant.id, advocate.advocateId);
    expect(reward).toMatchObject({ status: 'held', amountMinor: 1000, reversedMinor: 250 });
    const issuer = new RecordingRewardIssuer();
    await releaseAndIssue(engine, issuer, merchant.id, reward!.id);
    expect(issuer.issued[0]?.amountMinor).toBe(750);
  });

  test('a refund after release claws back pro rata; a shortfall becomes a negative balance repaid by the next reward', async ({
    engine,
  }) => {
    const merchant = await buildMerchant(engine.db);
    const { programId } = await buildProgram(engine.db, merchant.id);
    const advocate = await buildAdvocate(engine.db, merchant.id, programId);
    const issuer = new RecordingRewardIssuer();
    const first = orderFacts({ referralCode: advocate.code, totalMinor: 10_000 });
    await deliver(engine, merchant.id, { type: 'OrderPaid', ...first });
    const [reward] = await rewardsOf(engine.db, merchant.id, advocate.advocateId);
    await releaseAndIssue(engine, issuer, merchant.id, reward!.id);

    // The advocate spends 700 of the 1000 credit, then the friend refunds 60% of the order.
    issuer.spend(advocate.customerId, 700);
    await deliver(engine, merchant.id, {
      type: 'OrderRefunded',
      orderId: first.orderId,
      refundId: 'r1',
      amountMinor: 6_000,
      currency: 'USD',
      occurredAt: new Date(),
    });
    const clawbacks = await engine.db.query.rewardClawbacks.findMany();
    expect(clawbacks).toHaveLength(1);
    expect(clawbacks[0]).toMatchObject({ amountMinor: 600, status: 'pending' });
    const result = await clawBackReward(engine, issuer, {
      merchantId: merchant.id,
      clawbackId: clawbacks[0]!.id,
    });
    expect(result).toEqual({ status: 'done', recoveredMinor: 300, shortfallMinor: 300 });
    // Replaying the job takes nothing more.
    expect(
      (await clawBackReward(engine, issuer, { merchantId: merchant.id, clawbackId: clawbacks[0]!.id }))
        .status,
    ).toBe('already_done');
    expect(issuer.clawedBack).toHaveLength(1);
    expect(
      await accountBalance(engine.db, merchant.id, accountKeys.receivable(advocate.advocateId), 'USD'),
    ).toBe(300);

    // The next referral's 1000 repays the 300 first and hands out 700.
    const second = orderFacts({ referralCode: advocate.code });
    await deliver(engine, merchant.id, { type: 'OrderPaid', ...second });
    const next = (await rewardsOf(engine.db, merchant.id, advocate.advocateId)).find(
      (r) => r.id !== reward!.id,
    )!;
    await releaseAndIssue(engine, issuer, merchant.id, next.id);
    expect(issuer.issued.at(-1)?.amountMinor).toBe(700);
    expect(
      await accountBalance(engine.db, merchant.id, accountKeys.receivable(advocate.advocateId), 'USD'),
    ).toBe(0);
    expect(await findUnbalancedTransactions(engine.db, merchant.id)).toEqual([]);
  });
});
