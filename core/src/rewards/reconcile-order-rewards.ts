// Reverse: after a refund or cancellation, bring every reward of the order down to what the order
// still justifies, pro rata to what was kept. Held rewards shrink or void in the ledger; released
// or issued ones get a claw-back that the rewards queue takes to the platform. Targets come from
// cumulative refunds, so replays and any arrival order converge on the same amounts.
import { and, eq, notInArray, sql } from 'drizzle-orm';
import type { EngineContext } from '../context.js';
import type { Database } from '../db/client.js';
import { orderRefunds, orders, referrals, rewardClawbacks, rewards } from '../db/schema/index.js';
import { byId } from '../db/scoped.js';
import { accountKeys, postTransaction, recipientKey } from '../ledger/index.js';
import { prorate } from '../money/index.js';
import { writeOutbox } from '../outbox/index.js';
import { canTransition, moveReferral } from '../referrals/index.js';

export async function reconcileOrderRewards(
  _ctx: EngineContext,
  db: Database,
  merchantId: string,
  orderId: string,
): Promise<void> {
  const [order] = await db
    .select()
    .from(orders)
    .where(byId(orders, merchantId, orderId))
    .for('update');
  if (!order || order.totalMinor === null) return;
  const [refunded] = await db
    .select({ sum: sql<string>`coalesce(sum(${orderRefunds.amountMinor}), 0)` })
    .from(orderRefunds)
    .where(
      and(
        eq(orderRefunds.merchantId, order.merchantId),
        eq(orderRefunds.platformOrderId, order.platformOrderId),
      ),
    );
  const refundedMinor = Math.min(Number(refunded?.sum ?? 0), order.totalMinor);
  if (refundedMinor !== order.refundedMinor) {
    await db
      .update(orders)
      .set({ refundedMinor })
      .where(byId(orders, order.merchantId, order.id));
  }
  const kept = order.cancelledAt ? 0 : order.totalMinor - refundedMinor;
  const [referral] = await db
    .select()
    .from(referrals)
    .where(and(eq(referrals.merchantId, order.merchantId), eq(referrals.orderId, order.id)))
    .for('update');
  if (!referral) return;

  const live = await db
    .select()
    .from(rewards)
    .where(
      and(
        eq(rewards.merchantId, referral.merchantId),
        eq(rewards.referralId, referral.id),
        notInArray(rewards.status, ['voided', 'rejected', 'reversed']),
      ),
    )
    .for('update');
  for (const reward of live) {
    const target = kept === 0 ? 0 : prorate(reward.amountMinor, kept, order.totalMinor);
    const delta = reward.amountMinor - reward.reversedMinor - target;
    const wipeZeroValue = kept === 0 && reward.amountMinor === 0; // e.g. an unused % discount code
    if (delta <= 0 && !wipeZeroValue) continue;
    const reversedMinor = reward.reversedMinor + Math.max(delta, 0);
    if (reward.status === 'held') {
      await postTransaction(db, {
        merchantId: reward.merchantId,
        idempotencyKey: `reward:${reward.id}:reduce-to:${target}`,
        description: target === 0 ? 'Voided before release' : 'Reduced pro rata before release',
        rewardId: reward.id,
        lines: [
          { account: accountKeys.held(recipientKey(reward)), currency: reward.currency, amountMinor: delta },
          { account: accountKeys.expense, currency: reward.currency, amountMinor: -delta },
        ],
      });
      const status = target === 0 ? 'voided' : 'held';
      await db
        .update(rewards)
        .set({ reversedMinor, status })
        .where(byId(rewards, reward.merchantId, reward.id));
      if (status === 'voided') {
        await writeOutbox(db, {
          merchantId: reward.merchantId,
          topic: 'reward.voided',
          aggregateId: reward.id,
          payload: { rewardId: reward.id },
        });
      }
      continue;
    }
    const [clawback] = await db
      .insert(rewardClawbacks)
      .values({
        merchantId: reward.merchantId,
        rewardId: reward.id,
        amountMinor: Math.max(delta, 0),
        idempotencyKey: `reward:${reward.id}:claw-back-to:${target}`,
      })
      .onConflictDoNothing()
      .returning();
    if (!clawback) continue;
    await db
      .update(rewards)
      .set({ reversedMinor })
      .where(byId(rewards, reward.merchantId, reward.id));
    await writeOutbox(db, {
      merchantId: reward.merchantId,
      topic: 'reward.clawback_requested',
      aggregateId: reward.id,
      payload: { rewardId: reward.id, clawbackId: clawback.id },
    });
  }
  if (kept === 0) {
    const to = canTransition(referral.status, 'reversed') ? 'reversed' : 'rejected';
    if (canTransition(referral.status, to)) {
      await moveReferral(db, referral, to, {
        qualification: [
          ...(referral.qualification as string[]),
          order.cancelledAt ? 'Order cancelled.' : 'Order fully refunded.',
        ],
      });
    }
  }
}
