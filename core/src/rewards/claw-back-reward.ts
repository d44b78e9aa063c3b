// Claw back: ask the platform to take back what a refund says the recipient no longer earned.
// What the platform cannot recover becomes a receivable (a negative balance) that future rewards
// repay at release.
import type { EngineContext } from '../context.js';
import { forMerchant } from '../db/merchant-scope.js';
import { DomainError } from '../errors.js';
import { accountKeys, postTransaction, recipientKey } from '../ledger/index.js';
import { writeOutbox } from '../outbox/index.js';
import type { RewardIssuer } from '../ports.js';
import { findClawbackForUpdate, findClawbackWithReward, markClawbackDone } from './repository/clawbacks.js';
import { findRewardForUpdate, setRewardStatus } from './repository/rewards.js';

export type ClawBackResult = {
  status: 'done' | 'already_done';
  recoveredMinor: number;
  shortfallMinor: number;
};

export async function clawBackReward(
  ctx: EngineContext,
  issuer: RewardIssuer,
  input: { merchantId: string; clawbackId: string },
): Promise<ClawBackResult> {
  // The read before the platform call stays outside a transaction: none is held open across it.
  const m = forMerchant(ctx.db, input.merchantId);
  const row = await findClawbackWithReward(m, input.clawbackId);
  if (!row) throw new DomainError('NOT_FOUND', `Claw-back ${input.clawbackId} not found.`);
  const { clawback, reward } = row;
  if (clawback.status === 'done') {
    return {
      status: 'already_done',
      recoveredMinor: clawback.recoveredMinor ?? 0,
      shortfallMinor: clawback.shortfallMinor ?? 0,
    };
  }
  if (reward.status === 'released') {
    throw new DomainError(
      'RETRY_LATER',
      `Reward ${reward.id} is still being issued; claw back after it lands.`,
    );
  }
  const { recoveredMinor: reported } = await issuer.clawBack({
    merchantId: reward.merchantId,
    rewardId: reward.id,
    clawbackId: clawback.id,
    idempotencyKey: clawback.idempotencyKey,
    kind: reward.kind,
    platformRef: reward.platformRef,
    recipientPlatformCustomerId: row.platformCustomerId,
    amountMinor: clawback.amountMinor,
    currency: reward.currency,
  });
  const recovered = Math.max(0, Math.min(reported, clawback.amountMinor));
  const shortfall = clawback.amountMinor - recovered;
  return m.transaction(async (tx) => {
    const locked = await findClawbackForUpdate(tx, clawback.id);
    if (!locked || locked.status === 'done') {
      return {
        status: 'already_done' as const,
        recoveredMinor: locked?.recoveredMinor ?? 0,
        shortfallMinor: locked?.shortfallMinor ?? 0,
      };
    }
    const owner = recipientKey(reward);
    await postTransaction(tx.db, {
      merchantId: reward.merchantId,
      idempotencyKey: `clawback:${clawback.id}`,
      description:
        shortfall > 0
          ? `Clawed back ${recovered}; ${shortfall} carried as a negative balance`
          : `Clawed back ${recovered}`,
      rewardId: reward.id,
      lines: [
        { account: accountKeys.issued(owner), currency: reward.currency, amountMinor: recovered },
        { account: accountKeys.receivable(owner), currency: reward.currency, amountMinor: shortfall },
        { account: accountKeys.expense, currency: reward.currency, amountMinor: -clawback.amountMinor },
      ],
    });
    await markClawbackDone(tx, clawback.id, { recoveredMinor: recovered, shortfallMinor: shortfall });
    const current = await findRewardForUpdate(tx, reward.id);
    if (current && current.reversedMinor >= current.amountMinor) {
      await setRewardStatus(tx, reward.id, 'reversed');
    }
    await writeOutbox(tx.db, {
      merchantId: reward.merchantId,
      topic: 'reward.clawed_back',
      aggregateId: reward.id,
      payload: {
        rewardId: reward.id,
        clawbackId: clawback.id,
        recoveredMinor: recovered,
        shortfallMinor: shortfall,
      },
    });
    return { status: 'done' as const, recoveredMinor: recovered, shortfallMinor: shortfall };
  });
}
