// Hold -> release: once holdDays have passed, the reward becomes payable; any negative balance
// the recipient carries (a claw-back that fell short) is repaid from it first.
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { type EngineContext, nowOf } from '../context.js';
import { forMerchant } from '../db/merchant-scope.js';
import { merchants, rewardClawbacks, rewards } from '../db/schema/index.js';
import { byId } from '../db/scoped.js';
import { accountBalance, accountKeys, postTransaction, recipientKey } from '../ledger/index.js';
import { writeOutbox } from '../outbox/index.js';

export type ReleaseResult = 'released' | 'offset' | 'voided' | 'not_due' | 'noop';

export async function releaseReward(
  ctx: EngineContext,
  input: { merchantId: string; rewardId: string },
): Promise<ReleaseResult> {
  return forMerchant(ctx.db, input.merchantId).transaction(async ({ db }) => {
    const [reward] = await db
      .select()
      .from(rewards)
      .where(and(eq(rewards.merchantId, input.merchantId), eq(rewards.id, input.rewardId)))
      .for('update');
    if (reward?.status !== 'held') return 'noop';
    if (reward.holdUntil > nowOf(ctx)) return 'not_due';
    const live = reward.amountMinor - reward.reversedMinor;
    if (live <= 0 && reward.amountMinor > 0) {
      await db
        .update(rewards)
        .set({ status: 'voided' })
        .where(byId(rewards, reward.merchantId, reward.id));
      return 'voided';
    }
    const owner = recipientKey(reward);
    // Serialise releases per owner and currency: two rewards released at once must not both
    // repay the same negative balance.
    await db.execute(
      sql`SELECT pg_advisory_xact_lock(hashtext(${`${reward.merchantId}|${owner}|${reward.currency}`}))`,
    );
    const owed = Math.max(
      0,
      await accountBalance(db, reward.merchantId, accountKeys.receivable(owner), reward.currency),
    );
    const offset = Math.min(live, owed);
    await postTransaction(db, {
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
    await db
      .update(rewards)
      .set({
        status: fullyOffset ? 'issued' : 'released',
        releasedAt: sql`now()`,
        issuedAt: fullyOffset ? sql`now()` : null,
        offsetMinor: offset,
        payoutMinor: payout,
        platformRef: fullyOffset ? 'offset-against-negative-balance' : null,
      })
      .where(byId(rewards, reward.merchantId, reward.id));
    await writeOutbox(db, {
      merchantId: reward.merchantId,
      topic: fullyOffset ? 'reward.issued' : 'reward.released',
      aggregateId: reward.id,
      payload: { rewardId: reward.id },
    });
    return fullyOffset ? 'offset' : 'released';
  });
}

/** Safety net behind the delayed jobs: finds held rewards that are due (e.g. a lost job). */
/** Sweeps skip merchants that uninstalled the app: their work waits for a reinstall. */
const activeMerchant = (column: typeof rewards.merchantId | typeof rewardClawbacks.merchantId) =>
  and(eq(merchants.id, column), eq(merchants.status, 'active'));

export async function findDueRewards(ctx: EngineContext, limit = 500) {
  return ctx.db
    .select({ merchantId: rewards.merchantId, rewardId: rewards.id })
    .from(rewards)
    .innerJoin(merchants, activeMerchant(rewards.merchantId))
    .where(and(eq(rewards.status, 'held'), lte(rewards.holdUntil, nowOf(ctx))))
    .orderBy(asc(rewards.holdUntil))
    .limit(limit);
}

/** Rewards released a while ago but still not issued (an issue job that ran out of retries). */
export async function findUnissuedRewards(ctx: EngineContext, olderThanMs = 10 * 60_000, limit = 500) {
  return ctx.db
    .select({ merchantId: rewards.merchantId, rewardId: rewards.id })
    .from(rewards)
    .innerJoin(merchants, activeMerchant(rewards.merchantId))
    .where(
      and(
        eq(rewards.status, 'released'),
        lte(rewards.releasedAt, new Date(nowOf(ctx).getTime() - olderThanMs)),
      ),
    )
    .orderBy(asc(rewards.releasedAt))
    .limit(limit);
}

/** Claw-backs still pending after a while (their job ran out of retries while the reward was issuing). */
export async function findPendingClawbacks(ctx: EngineContext, olderThanMs = 10 * 60_000, limit = 500) {
  return ctx.db
    .select({ merchantId: rewardClawbacks.merchantId, clawbackId: rewardClawbacks.id })
    .from(rewardClawbacks)
    .innerJoin(merchants, activeMerchant(rewardClawbacks.merchantId))
    .where(
      and(
        eq(rewardClawbacks.status, 'pending'),
        lte(rewardClawbacks.createdAt, new Date(nowOf(ctx).getTime() - olderThanMs)),
      ),
    )
    .orderBy(asc(rewardClawbacks.createdAt))
    .limit(limit);
}
