// Queries on rewards, each inside one merchant. Amounts only grow in reversed_minor: a reward's
// amount_minor is never edited after grant.
import { eq, notInArray, sql } from 'drizzle-orm';
import type { MerchantScope } from '../../db/merchant-scope.js';
import { customers, rewards } from '../../db/schema/index.js';
import type { CapUsage } from '../caps.js';

export type RewardRow = typeof rewards.$inferSelect;
type RewardStatus = RewardRow['status'];

/** The reward, locked until the transaction ends. */
export async function findRewardForUpdate(
  m: MerchantScope,
  rewardId: string,
): Promise<RewardRow | undefined> {
  const [row] = await m.db.select().from(rewards).where(m.byId(rewards, rewardId)).for('update');
  return row;
}

/** The reward and its recipient's platform id (customers belong to the customers capability). */
export async function findRewardWithRecipient(m: MerchantScope, rewardId: string) {
  const [row] = await m.db
    .select({ reward: rewards, platformCustomerId: customers.platformCustomerId })
    .from(rewards)
    .leftJoin(customers, eq(customers.id, rewards.recipientCustomerId))
    .where(m.byId(rewards, rewardId));
  return row;
}

/** A held reward; undefined when its idempotency key was already granted. */
export async function insertHeldReward(
  m: MerchantScope,
  values: Omit<typeof rewards.$inferInsert, 'merchantId' | 'status'>,
): Promise<RewardRow | undefined> {
  const [row] = await m.db
    .insert(rewards)
    .values({ ...values, merchantId: m.merchantId, status: 'held' })
    .onConflictDoNothing()
    .returning();
  return row;
}

/**
 * What the advocate's own rewards in `currency` already add up to, lifetime and since
 * `monthStart`: live amounts (less reversals), voided and rejected rewards left out.
 */
export async function loadCapUsage(
  m: MerchantScope,
  advocateId: string,
  currency: string,
  monthStart: Date,
): Promise<CapUsage> {
  const live = sql`${rewards.amountMinor} - ${rewards.reversedMinor}`;
  const thisMonth = sql`${rewards.createdAt} >= ${monthStart.toISOString()}`;
  const [row] = await m.db
    .select({
      lifetimeCount: sql<number>`count(*)::int`,
      lifetimeAmount: sql<string>`coalesce(sum(${live}), 0)`,
      monthCount: sql<number>`(count(*) filter (where ${thisMonth}))::int`,
      monthAmount: sql<string>`coalesce(sum(${live}) filter (where ${thisMonth}), 0)`,
    })
    .from(rewards)
    .where(
      m.where(
        rewards,
        eq(rewards.advocateId, advocateId),
        eq(rewards.recipient, 'advocate'),
        eq(rewards.currency, currency),
        notInArray(rewards.status, ['voided', 'rejected']),
      ),
    );
  return {
    monthCount: row?.monthCount ?? 0,
    monthAmountMinor: Number(row?.monthAmount ?? 0),
    lifetimeCount: row?.lifetimeCount ?? 0,
    lifetimeAmountMinor: Number(row?.lifetimeAmount ?? 0),
  };
}

/** The referral's rewards still standing (not voided, rejected or reversed), locked. */
export async function findLiveRewardsOfReferralForUpdate(
  m: MerchantScope,
  referralId: string,
): Promise<RewardRow[]> {
  return m.db
    .select()
    .from(rewards)
    .where(
      m.where(
        rewards,
        eq(rewards.referralId, referralId),
        notInArray(rewards.status, ['voided', 'rejected', 'reversed']),
      ),
    )
    .for('update');
}

export async function setRewardStatus(
  m: MerchantScope,
  rewardId: string,
  status: RewardStatus,
): Promise<void> {
  await m.db.update(rewards).set({ status }).where(m.byId(rewards, rewardId));
}

/** Records how much of the reward is reversed, and its new status when one is given. */
export async function setRewardReversal(
  m: MerchantScope,
  rewardId: string,
  change: { reversedMinor: number; status?: RewardStatus },
): Promise<void> {
  await m.db.update(rewards).set(change).where(m.byId(rewards, rewardId));
}

/** Release: the payout fixed, and when an offset took all of it, the reward issued at once. */
export async function markRewardReleased(
  m: MerchantScope,
  rewardId: string,
  release: { offsetMinor: number; payoutMinor: number; fullyOffset: boolean },
): Promise<void> {
  const { fullyOffset } = release;
  await m.db
    .update(rewards)
    .set({
      status: fullyOffset ? 'issued' : 'released',
      releasedAt: sql`now()`,
      issuedAt: fullyOffset ? sql`now()` : null,
      offsetMinor: release.offsetMinor,
      payoutMinor: release.payoutMinor,
      platformRef: fullyOffset ? 'offset-against-negative-balance' : null,
    })
    .where(m.byId(rewards, rewardId));
}

/** Issued: the platform's id recorded, and the error of an earlier failed attempt cleared. */
export async function markRewardIssued(
  m: MerchantScope,
  rewardId: string,
  issue: { status: 'issued' | 'reversed'; platformRef: string; calledPlatform: boolean },
): Promise<void> {
  await m.db
    .update(rewards)
    .set({
      status: issue.status,
      issuedAt: sql`now()`,
      platformRef: issue.platformRef,
      lastIssueError: null,
      ...(issue.calledPlatform
        ? { issueAttempts: sql`${rewards.issueAttempts} + 1`, lastIssueAttemptAt: sql`now()` }
        : {}),
    })
    .where(m.byId(rewards, rewardId));
}

/**
 * A platform call that threw: one more attempt, and why (short text, never a payload). Only a
 * reward still waiting to be issued is touched, so a concurrent success is never marked failed.
 */
export async function recordRewardIssueFailure(
  m: MerchantScope,
  rewardId: string,
  error: string,
): Promise<void> {
  await m.db
    .update(rewards)
    .set({
      issueAttempts: sql`${rewards.issueAttempts} + 1`,
      lastIssueError: error,
      lastIssueAttemptAt: sql`now()`,
    })
    .where(m.where(rewards, eq(rewards.id, rewardId), eq(rewards.status, 'released')));
}

/** An advisory lock on one owner's balance in one currency, held until the transaction ends. */
export async function lockRecipientBalance(m: MerchantScope, owner: string, currency: string): Promise<void> {
  await m.db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`${m.merchantId}|${owner}|${currency}`}))`);
}
