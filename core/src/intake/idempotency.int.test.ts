// Webhooks arrive twice, late and out of order. Whatever the delivery, the outcome is the one
// that a single in-order delivery gives.
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import type { Database } from '../db/client.js';
import { inboundEvents, ledgerEntries, referrals, rewardClawbacks, rewards } from '../db/schema/index.js';
import type { DomainEventInput } from '../events/index.js';
import { findUnbalancedTransactions } from '../ledger/index.js';
import { clawBackReward, findDueRewards, issueReward, releaseReward } from '../rewards/index.js';
import { dbTest as test } from '../testing/fixtures.js';
import {
  buildAdvocate,
  buildMerchant,
  buildProgram,
  deliver,
  orderFacts,
  RecordingRewardIssuer,
} from '../testing/index.js';

async function snapshot(db: Database, merchantId: string) {
  const r = await db.select().from(rewards).where(eq(rewards.merchantId, merchantId));
  const c = await db.select().from(rewardClawbacks).where(eq(rewardClawbacks.merchantId, merchantId));
  const refs = await db.select().from(referrals).where(eq(referrals.merchantId, merchantId));
  const entries = await db.select().from(ledgerEntries).where(eq(ledgerEntries.merchantId, merchantId));
  return {
    rewards: r.map((x) => ({
      recipient: x.recipient,
      kind: x.kind,
      status: x.status,
      amount: x.amountMinor,
      reversed: x.reversedMinor,
    })),
    clawbacks: c.map((x) => x.amountMinor).sort(),
    referrals: refs.map((x) => x.status),
    ledgerTotal: entries.reduce((s, e) => s + Math.abs(e.amountMinor), 0),
  };
}

async function scenario(db: Database) {
  const merchant = await buildMerchant(db);
  const { programId } = await buildProgram(db, merchant.id);
  const advocate = await buildAdvocate(db, merchant.id, programId);
  const order = orderFacts({ referralCode: advocate.code, totalMinor: 10_000, subtotalMinor: 10_000 });
  const at = new Date();
  const events: { id: string; event: DomainEventInput }[] = [
    { id: 'placed', event: { type: 'OrderPlaced', ...order } },
    { id: 'paid', event: { type: 'OrderPaid', ...order } },
    {
      id: 'refund-1',
      event: {
        type: 'OrderRefunded',
        orderId: order.orderId,
        refundId: 'r1',
        amountMinor: 2_000,
        currency: 'USD',
        occurredAt: at,
      },
    },
    {
      id: 'refund-2',
      event: {
        type: 'OrderRefunded',
        orderId: order.orderId,
        refundId: 'r2',
        amountMinor: 3_000,
        currency: 'USD',
        occurredAt: at,
      },
    },
  ];
  return { merchant, events };
}

describe('duplicate and out-of-order delivery', () => {
  test('the same events delivered 5 times and shuffled change nothing after the first', async ({
    engine,
  }) => {
    const inOrder = await scenario(engine.db);
    for (const { id, event } of inOrder.events) await deliver(engine, inOrder.merchant.id, event, id);
    const expected = await snapshot(engine.db, inOrder.merchant.id);
    expect(expected.rewards).toEqual([
      expect.objectContaining({ status: 'held', amount: 1000, reversed: 500 }),
    ]);

    const shuffled = await scenario(engine.db);
    // A refund first (before its order is known), then everything five times in a scrambled order.
    const deliveries = [
      shuffled.events[3]!,
      ...Array.from({ length: 5 }, () => [...shuffled.events].reverse()).flat(),
    ];
    deliveries.splice(4, 0, shuffled.events[2]!, shuffled.events[1]!);
    const statuses = [];
    for (const { id, event } of deliveries)
      statuses.push((await deliver(engine, shuffled.merchant.id, event, id)).status);
    expect(statuses.filter((s) => s === 'processed')).toHaveLength(4);
    expect(await snapshot(engine.db, shuffled.merchant.id)).toEqual(expected);
    expect(await findUnbalancedTransactions(engine.db, shuffled.merchant.id)).toEqual([]);
  });

  test('a cancellation that beats its order still voids the reward', async ({ engine }) => {
    const { merchant, events } = await scenario(engine.db);
    const orderId = (events[1]!.event as { orderId: string }).orderId;
    await deliver(engine, merchant.id, { type: 'OrderCancelled', orderId, occurredAt: new Date() }, 'cancel');
    await deliver(engine, merchant.id, events[1]!.event, 'paid');
    const state = await snapshot(engine.db, merchant.id);
    expect(state.rewards).toEqual([expect.objectContaining({ status: 'voided', reversed: 1000 })]);
    expect(state.referrals).toEqual(['reversed']);
  });

  test('a malformed payload is kept, marked failed with a clear error, and changes nothing else', async ({
    engine,
  }) => {
    const merchant = await buildMerchant(engine.db);
    const result = await deliver(
      engine,
      merchant.id,
      { type: 'OrderPaid', orderId: 'x' } as unknown as DomainEventInput,
      'bad',
    );
    expect(result.status).toBe('invalid');
    const [row] = await engine.db
      .select()
      .from(inboundEvents)
      .where(eq(inboundEvents.merchantId, merchant.id));
    expect(row).toMatchObject({ status: 'failed', externalId: 'bad' });
    expect(row?.error).toMatch(/totalMinor/);
    expect(row?.payload).toEqual({ type: 'OrderPaid', orderId: 'x' });
  });

  test('property: any sequence of order events keeps every transaction balanced and pays each reward once', async ({
    engine,
  }) => {
    const eventArb = fc.oneof(
      fc.record({ kind: fc.constant('paid' as const), order: fc.nat(2) }),
      fc.record({
        kind: fc.constant('refund' as const),
        order: fc.nat(2),
        refund: fc.nat(3),
        amount: fc.integer({ min: 1, max: 6000 }),
      }),
      fc.record({ kind: fc.constant('cancel' as const), order: fc.nat(2) }),
      fc.record({ kind: fc.constant('release' as const) }),
      fc.record({ kind: fc.constant('claw-back' as const) }),
    );
    const later = { ...engine, now: () => new Date(Date.now() + 30 * 86_400_000) };
    await fc.assert(
      fc.asyncProperty(
        fc.array(eventArb, { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        async (steps, replayAll) => {
          const merchant = await buildMerchant(engine.db);
          const { programId } = await buildProgram(engine.db, merchant.id, {
            advocateReward: { kind: 'store_credit', bps: 1000 },
          });
          const advocate = await buildAdvocate(engine.db, merchant.id, programId);
          const orders = [0, 1, 2].map(() =>
            orderFacts({ referralCode: advocate.code, totalMinor: 6000, subtotalMinor: 6000 }),
          );
          const issuer = new RecordingRewardIssuer();
          type Step = (typeof steps)[number];
          const toEvent = (
            s: Exclude<Step, { kind: 'release' | 'claw-back' }>,
          ): [string, DomainEventInput] => {
            const o = orders[s.order]!;
            if (s.kind === 'paid') return [`paid-${s.order}`, { type: 'OrderPaid', ...o }];
            if (s.kind === 'cancel')
              return [
                `cancel-${s.order}`,
                { type: 'OrderCancelled', orderId: o.orderId, occurredAt: new Date() },
              ];
            return [
              `refund-${s.order}-${s.refund}`,
              {
                type: 'OrderRefunded',
                orderId: o.orderId,
                refundId: `${s.order}-${s.refund}`,
                amountMinor: s.amount,
                currency: 'USD',
                occurredAt: new Date(),
              },
            ];
          };
          const run = replayAll ? [...steps, ...steps] : steps;
          for (const step of run) {
            if (step.kind === 'release') {
              for (const due of await findDueRewards(later)) {
                await releaseReward(later, due);
                await issueReward(later, issuer, due);
              }
            } else if (step.kind === 'claw-back') {
              const pending = await engine.db
                .select()
                .from(rewardClawbacks)
                .where(eq(rewardClawbacks.merchantId, merchant.id));
              for (const c of pending)
                await clawBackReward(engine, issuer, { merchantId: merchant.id, clawbackId: c.id });
            } else {
              const [id, event] = toEvent(step);
              await deliver(engine, merchant.id, event, id);
            }
          }
          expect(await findUnbalancedTransactions(engine.db, merchant.id)).toEqual([]);
          const granted = await engine.db.select().from(rewards).where(eq(rewards.merchantId, merchant.id));
          const paidOrders = new Set(steps.filter((s) => s.kind === 'paid').map((s) => s.order));
          expect(granted).toHaveLength(paidOrders.size);
          const paidOut = new Map<string, number>();
          for (const call of issuer.issued) paidOut.set(call.rewardId, (paidOut.get(call.rewardId) ?? 0) + 1);
          expect([...paidOut.values()].every((n) => n === 1)).toBe(true);
          for (const r of granted) {
            expect(
              issuer.issued.filter((i) => i.rewardId === r.id).reduce((sum, i) => sum + i.amountMinor, 0),
            ).toBeLessThanOrEqual(r.amountMinor);
            expect(r.reversedMinor).toBeGreaterThanOrEqual(0);
            expect(r.reversedMinor).toBeLessThanOrEqual(r.amountMinor);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
