// Reward -> platform: the rewards queue asks the RewardIssuer (Shopify adapter) to hand out a
// released reward, then records the platform's id. Both halves are idempotent.
import type { EngineContext } from '../context.js';
import { forMerchant, type MerchantScope } from '../db/merchant-scope.js';
import { DomainError } from '../errors.js';
import { accountKeys, postTransaction, recipientKey } from '../ledger/index.js';
import { writeOutbox } from '../outbox/index.js';
import type { IssueRewardRequest, RewardIssuer } from '../ports.js';
import { canTransition, findReferralForUpdate, moveReferral } from '../referrals/index.js';
import { listPendingClawbacksOfReward, markPendingClawbackDone } from './repository/clawbacks.js';
import {
  findRewardForUpdate,
  findRewardWithRecipient,
  markRewardIssued,
  recordRewardIssueFailure,
} from './repository/rewards.js';

export type IssueResult = 'issued' | 'already_issued' | 'not_released';

export async function issueReward(
  ctx: EngineContext,
  issuer: RewardIssuer,
  input: { merchantId: string; rewardId: string },
): Promise<IssueResult> {
  // The reads before the platform call stay outside a transaction: none is held open across it.
  const m = forMerchant(ctx.db, input.merchantId);
  const row = await findRewardWithRecipient(m, input.rewardId);
  if (!row) throw new DomainError('NOT_FOUND', `Reward ${input.rewardId} not found.`);
  const { reward } = row;
  if (reward.status === 'issued' || reward.status === 'reversed') return 'already_issued';
  if (reward.status !== 'released') return 'not_released';
  // A refund that landed between release and issue left pending claw-backs: net them here
  // instead of handing out value only to claw it back.
  const pending = await listPendingClawbacksOfReward(m, reward.id);
  const payout = reward.payoutMinor ?? 0;
  const pendingTotal = pending.reduce((sum, c) => sum + c.amountMinor, 0);
  const netted = Math.min(payout, pendingTotal);
  const request: IssueRewardRequest = {
    merchantId: reward.merchantId,
    rewardId: reward.id,
    idempotencyKey: reward.idempotencyKey,
    recipient: reward.recipient,
    recipientCustomerId: reward.recipientCustomerId,
    recipientPlatformCustomerId: row.platformCustomerId,
    kind: reward.kind,
    amountMinor: payout - netted,
    currency: reward.currency,
    bps: reward.bps,
  };
  // Nothing left to hand out (a money reward refunded away): no platform call.
  const skipPlatform = payout > 0 && request.amountMinor === 0;
  const { platformRef } = skipPlatform
    ? { platformRef: 'netted-by-refund' }
    : await issueOnPlatform(m, issuer, request);
  return m.transaction(async (tx) => {
    // Lock order: referral, then reward (as reconcile does), so the two never deadlock.
    const referral = reward.referralId ? await findReferralForUpdate(tx, reward.referralId) : undefined;
    const locked = await findRewardForUpdate(tx, reward.id);
    if (locked?.status !== 'released') return 'already_issued';
    const owner = recipientKey(locked);
    await postTransaction(tx.db, {
      merchantId: locked.merchantId,
      idempotencyKey: `reward:${locked.id}:issue`,
      description:
        netted > 0
          ? `Issued as ${platformRef}; ${netted} netted against a refund`
          : `Issued on the platform as ${platformRef}`,
      rewardId: locked.id,
      lines: [
        { account: accountKeys.payable(owner), currency: locked.currency, amountMinor: payout },
        { account: accountKeys.issued(owner), currency: locked.currency, amountMinor: -request.amountMinor },
        // The refund cut the entitlement by pendingTotal: what was not handed out is netted,
        // the rest (a debt this reward had repaid at release) is owed again.
        { account: accountKeys.expense, currency: locked.currency, amountMinor: -pendingTotal },
        {
          account: accountKeys.receivable(owner),
          currency: locked.currency,
          amountMinor: pendingTotal - netted,
        },
      ],
    });
    if (pending.length > 0) await settleNettedClawbacks(tx, pending, netted);
    const fullyReversed =
      locked.reversedMinor >= locked.amountMinor && locked.amountMinor > 0 && request.amountMinor === 0;
    await markRewardIssued(tx, locked.id, {
      status: fullyReversed ? 'reversed' : 'issued',
      platformRef,
      calledPlatform: !skipPlatform,
    });
    if (referral?.status === 'approved' && canTransition(referral.status, 'rewarded')) {
      await moveReferral(tx.db, referral, 'rewarded', {});
    }
    await writeOutbox(tx.db, {
      merchantId: locked.merchantId,
      topic: 'reward.issued',
      aggregateId: locked.id,
      payload: { rewardId: locked.id },
    });
    return 'issued' as const;
  });
}

/** How much of an error's message the admin is shown. */
export const ISSUE_ERROR_MAX_LENGTH = 500;

/**
 * The issuer call; when it throws, the attempt and a short, safe text of why are recorded in their
 * own confined transaction (the admin shows them), and the error goes on unchanged to the queue,
 * which retries.
 */
async function issueOnPlatform(
  m: MerchantScope,
  issuer: RewardIssuer,
  request: IssueRewardRequest,
): Promise<{ platformRef: string }> {
  try {
    return await issuer.issue(request);
  } catch (error) {
    try {
      await m.transaction((tx) => recordRewardIssueFailure(tx, request.rewardId, issueErrorText(error)));
    } catch {
      // Failing to record it must not hide the platform's error: that one decides the retry.
    }
    throw error;
  }
}

/**
 * An error as the admin may show it: its message only (never a thrown payload), anything that looks
 * like a credential masked, on one line, at most ISSUE_ERROR_MAX_LENGTH characters.
 */
export function issueErrorText(error: unknown): string {
  const message = error instanceof Error && error.message ? error.message : 'The platform call failed.';
  const safe = message
    .replace(/\b(shp(?:at|ca|pa|ss|ua)_[A-Za-z0-9]+)/g, '[redacted]')
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]')
    .replace(/([?&](?:access_token|token|key|secret|signature)=)[^&\s]+/gi, '$1[redacted]')
    .replace(/\s+/g, ' ')
    .trim();
  return safe.length > ISSUE_ERROR_MAX_LENGTH ? `${safe.slice(0, ISSUE_ERROR_MAX_LENGTH - 1)}…` : safe;
}

/** Marks the netted claw-backs done: recovered in full, since the value was never handed out. */
async function settleNettedClawbacks(
  m: MerchantScope,
  pending: { id: string; amountMinor: number }[],
  netted: number,
): Promise<void> {
  let left = netted;
  for (const clawback of pending) {
    const recovered = Math.min(left, clawback.amountMinor);
    left -= recovered;
    await markPendingClawbackDone(m, clawback.id, {
      recoveredMinor: recovered,
      shortfallMinor: clawback.amountMinor - recovered,
    });
  }
}
