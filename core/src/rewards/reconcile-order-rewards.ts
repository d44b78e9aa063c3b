// Reverse: after a refund or cancellation, bring every reward of the order down to what the order
// still justifies, pro rata to what was kept. Held rewards shrink or void in the ledger; released
// or issued ones get a claw-back that the rewards queue takes to the platform. Targets come from
// cumulative refunds, so replays and any arrival order converge on the same amounts.
import type { EngineContext } from '../context.js';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { accountKeys, postTransaction, recipientKey } from '../ledger/index.js';
import { prorate } from '../money/index.js';
import { writeOutbox } from '../outbox/index.js';
import { canTransition, findReferralOfOrderForUpdate, moveReferral } from '../referrals/index.js';
import { insertClawback } from './repository/clawbacks.js';
import { findOrderForUpdate, setOrderRefunded, sumOrderRefunds } from './repository/orders.js';
import { findLiveRewardsOfReferralForUpdate, setRewardReversal } from './repository/rewards.js';

export async function reconcileOrderRewards(
  _ctx: EngineContext,
  db: Database,
  merchantId: string,
  orderId: string,
): Promise<void> {
  const m = forMerchant(db, merchantId);
  const order = await findOrderForUpdate(m, orderId);
  if (!order || order.totalMinor === null) return;
  const refundedMinor = Math.min(await sumOrderRefunds(m, order.platformOrderId), order.totalMinor);
  if (refundedMinor !== order.refundedMinor) await setOrderRefunded(m, order.id, refundedMinor);
  const kept = order.cancelledAt ? 0 : order.totalMinor - refundedMinor;
  const referral = await findReferralOfOrderForUpdate(m, order.id);
  if (!referral) return;

  const live = await findLiveRewardsOfReferralForUpdate(m, referral.id);
  for (const reward of live) {
    const target = kept === 0 ? 0 : prorate(reward.amountMinor, kept, order.totalMinor);
    const delta = reward.amountMinor - reward.reversedMinor - target;
    const wipeZeroValue = kept === 0 && reward.amountMinor === 0; // e.g. an unused % discount code
    if (delta <= 0 && !wipeZeroValue) continue;
    const reversedMinor = reward.reversedMinor + Math.max(delta, 0);
    if (reward.status === 'held') {
      await postTransaction(m.db, {
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
      await setRewardReversal(m, reward.id, { reversedMinor, status });
      if (status === 'voided') {
        await writeOutbox(m.db, {
          merchantId: reward.merchantId,
          topic: 'reward.voided',
          aggregateId: reward.id,
          payload: { rewardId: reward.id },
        });
      }
      continue;
    }
    const clawback = await insertClawback(m, {
      rewardId: reward.id,
      amountMinor: Math.max(delta, 0),
      idempotencyKey: `reward:${reward.id}:claw-back-to:${target}`,
    });
    if (!clawback) continue;
    await setRewardReversal(m, reward.id, { reversedMinor });
    await writeOutbox(m.db, {
      merchantId: reward.merchantId,
      topic: 'reward.clawback_requested',
      aggregateId: reward.id,
      payload: { rewardId: reward.id, clawbackId: clawback.id },
    });
  }
  if (kept === 0) {
    const to = canTransition(referral.status, 'reversed') ? 'reversed' : 'rejected';
    if (canTransition(referral.status, to)) {
      await moveReferral(m.db, referral, to, {
        qualification: [
          ...(referral.qualification as string[]),
          order.cancelledAt ? 'Order cancelled.' : 'Order fully refunded.',
        ],
      });
    }
  }
}
