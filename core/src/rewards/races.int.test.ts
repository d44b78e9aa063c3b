// Races and stragglers found in review: each of these once paid too much or got stuck.
import { and, eq } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { disableCode } from '../advocates/index.js';
import { explainOrder } from '../attribution/index.js';
import { inboundEvents, rewardClawbacks, rewards } from '../db/schema/index.js';
import { ingestInboundEvent, processInboundEvent } from '../intake/index.js';
import { accountBalance, accountKeys, findUnbalancedTransactions, postTransaction } from '../ledger/index.js';
import { dbTest as test } from '../testing/fixtures.js';
import {
  buildAdvocate,
  buildMerchant,
  buildProgram,
  deliver,
  orderFacts,
  RecordingRewardIssuer,
} from '../testing/index.js';
import { issueReward } from './issue-reward.js';
import { releaseReward } from './release-reward.js';

const later = <T extends object>(engine: T) => ({
  ...engine,
  now: () => new Date(Date.now() + 30 * 86_400_000),
});

describe('races', () => {
  test('a full refund processed at the same moment as its order still voids the reward', async ({
    engine,
  }) => {
    const merchant = await buildMerchant(engine.db);
    const { programId } = await buildProgram(engine.db, merchant.id, {
      fraud: { rules: { velocity: { enabled: false } } },
    });
    const advocate = await buildAdvocate(engine.db, merchant.id, programId);
    for (let i = 0; i < 8; i++) {
      const order = orderFacts({ referralCode: advocate.code });
      const refund = {
        type: 'OrderRefunded' as const,
        orderId: order.orderId,
        refundId: `rf-${i}`,
        amountMinor: order.totalMinor,
        currency: 'USD',
        occurredAt: new Date(),
      };
      const results = await Promise.allSettled([
        deliver(engine, merchant.id, { type: 'OrderPaid', ...order }, `paid-${i}`),
        deliver(engine, merchant.id, refund, `refund-${i}`),
      ]);
      // A deadlock victim is retried by the worker; replay it the same way here.
      for (const [j, r] of results.entries()) {
        if (r.status === 'rejected') {
          const id = j === 0 ? `paid-${i}` : `refund-${i}`;
          const [row] = await engine.db
            .select()
            .from(inboundEvents)
            .where(and(eq(inboundEvents.merchantId, merchant.id), eq(inboundEvents.externalId, id)));
          await processInboundEvent(engine, { merchantId: merchant.id, inboundEventId: row!.id });
        }
      }
    }
    const all = await engine.db.select().from(rewards).where(eq(rewards.merchantId, merchant.id));
    expect(all).toHaveLength(8);
    expect(all.every((r) => r.status === 'voided')).toBe(true);
    expect(await accountBalance(engine.db, merchant.id, accountKeys.expense, 'USD')).toBe(0);
  });

  test('two rewards released at once repay a negative balance once', async ({ engine }) => {
    const merchant = await buildMerchant(engine.db);
    const { programId } = await buildProgram(engine.db, merchant.id);
    const advocate = await buildAdvocate(engine.db, merchant.id, programId);
    await postTransaction(engine.db, {
      merchantId: merchant.id,
      idempotencyKey: 'seed-debt',
      description: 'an earlier claw-back fell short by 500',
      lines: [
        { account: accountKeys.receivable(advocate.advocateId), currency: 'USD', amountMinor: 500 },
        { account: accountKeys.expense, currency: 'USD', amountMinor: -500 },
      ],
    });
    for (const i of [1, 2])
      await deliver(
        engine,
        merchant.id,
        { type: 'OrderPaid', ...orderFacts({ referralCode: advocate.code }) },
        `p${i}`,
      );
    const held = await engine.db.select().from(rewards).where(eq(rewards.advocateId, advocate.advocateId));
    await Promise.all(
      held.map((r) => releaseReward(later(engine), { merchantId: merchant.id, rewardId: r.id })),
    );
    const after = await engine.db.select().from(rewards).where(eq(rewards.advocateId, advocate.advocateId));
    expect(after.reduce((s, r) => s + r.offsetMinor, 0)).toBe(500);
    expect(
      await accountBalance(engine.db, merchant.id, accountKeys.receivable(advocate.advocateId), 'USD'),
    ).toBe(0);
  });

  test('a refund between release and issue is netted: less is handed out and nothing is clawed back', async ({
    engine,
  }) => {
    const merchant = await buildMerchant(engine.db);
    const { programId } = await buildProgram(engine.db, merchant.id);
    const advocate = await buildAdvocate(engine.db, merchant.id, programId);
    const order = orderFacts({ referralCode: advocate.code });
    await deliver(engine, merchant.id, { type: 'OrderPaid', ...order });
    const [reward] = await engine.db
      .select()
      .from(rewards)
      .where(eq(rewards.advocateId, advocate.advocateId));
    await releaseReward(later(engine), { merchantId: merchant.id, rewardId: reward!.id });
    await deliver(engine, merchant.id, {
      type: 'OrderRefunded',
      orderId: order.orderId,
      refundId: 'r1',
      amountMinor: 4_000,
      currency: 'USD',
      occurredAt: new Date(),
    });
    const issuer = new RecordingRewardIssuer();
    expect(await issueReward(engine, issuer, { merchantId: merchant.id, rewardId: reward!.id })).toBe(
      'issued',
    );
    expect(issuer.issued.map((i) => i.amountMinor)).toEqual([600]);
    const clawbacks = await engine.db
      .select()
      .from(rewardClawbacks)
      .where(eq(rewardClawbacks.rewardId, reward!.id));
    expect(clawbacks).toEqual([
      expect.objectContaining({ status: 'done', amountMinor: 400, recoveredMinor: 400, shortfallMinor: 0 }),
    ]);
    expect(await accountBalance(engine.db, merchant.id, accountKeys.expense, 'USD')).toBe(600);
    expect(await findUnbalancedTransactions(engine.db, merchant.id)).toEqual([]);
  });
});

describe('stragglers', () => {
  test('an event that fails inside the engine is kept with its error; a domain error marks it failed', async ({
    engine,
  }) => {
    const merchant = await buildMerchant(engine.db);
    const { programId } = await buildProgram(engine.db, merchant.id);
    const advocate = await buildAdvocate(engine.db, merchant.id, programId);
    // Points are not a currency an order can be paid in: the reward maths refuses it.
    const payload = { type: 'OrderPaid', ...orderFacts({ referralCode: advocate.code, currency: 'PTS' }) };
    const stored = await ingestInboundEvent(engine.db, {
      merchantId: merchant.id,
      platform: 'internal',
      externalId: 'pts',
      topic: 'OrderPaid',
      payload: JSON.parse(JSON.stringify(payload)),
    });
    await expect(
      processInboundEvent(engine, { merchantId: merchant.id, inboundEventId: stored.inboundEventId! }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    const [row] = await engine.db
      .select()
      .from(inboundEvents)
      .where(eq(inboundEvents.id, stored.inboundEventId!));
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row?.error).toMatch(/PTS|currency/i);
    expect(await engine.db.select().from(rewards).where(eq(rewards.merchantId, merchant.id))).toEqual([]);
  });

  test('a disabled code credits no one, and the decision says there was no usable signal', async ({
    engine,
  }) => {
    const merchant = await buildMerchant(engine.db);
    const { programId } = await buildProgram(engine.db, merchant.id);
    const advocate = await buildAdvocate(engine.db, merchant.id, programId);
    await disableCode(engine.db, {
      merchantId: merchant.id,
      advocateId: advocate.advocateId,
      code: advocate.code,
      actor: 'admin',
    });
    const order = orderFacts({ referralCode: advocate.code, discountCodes: [advocate.code] });
    await deliver(engine, merchant.id, { type: 'OrderPaid', ...order });
    const why = await explainOrder(engine.db, merchant.id, order.orderId);
    expect(why?.credited).toBe(false);
    expect(why?.decidedBy).toBe('no_signals');
  });
});
