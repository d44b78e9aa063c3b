// Hold -> release: once holdDays have passed, the reward becomes payable; any negative balance
// the recipient carries (a claw-back that fell short) is repaid from it first.
import { type EngineContext, nowOf } from '../context.js';
import { forMerchant } from '../db/merchant-scope.js';
import { accountBalance, accountKeys, postTransaction, recipientKey } from '../ledger/index.js';
import { writeOutbox } from '../outbox/index.js';
import {
  findRewardForUpdate,
  lockRecipientBalance,
  markRewardReleased,
  setRewardStatus,
} from './repository/rewards.js';
import { listDueRewards, listStalePendingClawbacks, listUnissuedRewards } from './repository/sweeps.js';

export type ReleaseResult = 'released' | 'offset' | 'voided' | 'not_due' | 'noop';

export async function releaseReward(
  ctx: EngineContext,
  input: { merchantId: string; rewardId: string },
): Promise<ReleaseResult> {
  return forMerchant(ctx.db, input.merchantId).transaction(async (m) => {
    const reward = await findRewardForUpdate(m, input.rewardId);
    if (reward?.status !== 'held') return 'noop';
    if (reward.holdUntil > nowOf(ctx)) return 'not_due';
    const live = reward.amountMinor - reward.reversedMinor;
    if (live <= 0 && reward.amountMinor > 0) {
      await setRewardStatus(m, reward.id, 'voided');
      return 'voided';
    }
    const owner = recipientKey(reward);
    // Serialise releases per owner and currency: two rewards released at once must not both
    // repay the same negative balance.
    await lockRecipientBalance(m, owner, reward.currency);
    const owed = Math.max(
      0,
      await accountBalance(m.db, reward.merchantId, accountKeys.receivable(owner), reward.currency),
    );
    const offset = Math.min(live, owed);
    await postTransaction(m.db, {
      merchantId: reward.merchantId,
      idempotencyKey: `reward:${reward.id}:release`,
      description: offset > 0 ? `Released; ${offset} repays a negative balance` : 'Released after hold',
      rewardId: reward.id,
      lines: [
        { account: accountKeys.held(owner), currency: reward.currency, amountMinor: live },
        { account: accountKeys.payable(owner), currency: reward.currency, amountMinor: -live + offset },
        { account: accountKeys.receivable(owner), currency: reward.currency, amountMinor: -offset },
      ],
    });
    const payout = live - offset;
    const fullyOffset = payout === 0 && reward.amountMinor > 0;
    await markRewardReleased(m, reward.id, { offsetMinor: offset, payoutMinor: payout, fullyOffset });
    await writeOutbox(m.db, {
      merchantId: reward.merchantId,
      topic: fullyOffset ? 'reward.issued' : 'reward.released',
      aggregateId: reward.id,
      payload: { rewardId: reward.id },
    });
    return fullyOffset ? 'offset' : 'released';
  });
}

/** Safety net behind the delayed jobs: finds held rewards that are due (e.g. a lost job). */
export async function findDueRewards(ctx: EngineContext, limit = 500) {
  return listDueRewards(ctx.db, nowOf(ctx), limit);
}

/** Rewards released a while ago but still not issued (an issue job that ran out of retries). */
export async function findUnissuedRewards(ctx: EngineContext, olderThanMs = 10 * 60_000, limit = 500) {
  return listUnissuedRewards(ctx.db, new Date(nowOf(ctx).getTime() - olderThanMs), limit);
}

/** Claw-backs still pending after a while (their job ran out of retries while the reward was issuing). */
export async function findPendingClawbacks(ctx: EngineContext, olderThanMs = 10 * 60_000, limit = 500) {
  return listStalePendingClawbacks(ctx.db, new Date(nowOf(ctx).getTime() - olderThanMs), limit);
}
