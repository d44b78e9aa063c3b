// Queries behind the admin's rewards list: one page at a time in (created_at, id) order, newest
// first, with the recipient, the platform journal's attempts and each reward's claw-backs.
import { and, desc, eq, ilike, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import type { MerchantScope } from '../../db/merchant-scope.js';
import { customers, platformOperations, rewardClawbacks, rewards } from '../../db/schema/index.js';

/** How the admin groups a reward's lifecycle (statuses the marketer can act on). */
export const adminRewardStatuses = [
  'pending',
  'issuing',
  'issued',
  'failed',
  'clawed_back',
  'voided',
] as const;
export type AdminRewardStatus = (typeof adminRewardStatuses)[number];

export type RewardListFilter = {
  statuses?: AdminRewardStatus[] | undefined;
  recipient?: 'advocate' | 'friend' | undefined;
  /** Part of the recipient's email. */
  search?: string | undefined;
  /** Released before this and not issued: the issue failed (the sweep's threshold). */
  overdueBefore: Date;
};

export type RewardListCursor = { createdAt: Date; id: string };

const clawedBack = or(eq(rewards.status, 'reversed'), sql`${rewards.reversedMinor} > 0`);

function statusCondition(status: AdminRewardStatus, overdueBefore: Date): SQL {
  switch (status) {
    case 'pending':
      return eq(rewards.status, 'held');
    case 'issuing':
      return sql`${rewards.status} = 'released' and ${rewards.releasedAt} > ${overdueBefore.toISOString()}`;
    case 'failed':
      return and(eq(rewards.status, 'released'), lte(rewards.releasedAt, overdueBefore))!;
    case 'issued':
      return and(eq(rewards.status, 'issued'), eq(rewards.reversedMinor, 0))!;
    case 'clawed_back':
      return and(inArray(rewards.status, ['issued', 'reversed']), clawedBack)!;
    case 'voided':
      return inArray(rewards.status, ['voided', 'rejected']);
  }
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** One page of rewards matching `filter`, after `cursor`. */
export async function selectRewardPage(
  m: MerchantScope,
  filter: RewardListFilter,
  cursor: RewardListCursor | null,
  limit: number,
) {
  const conditions: (SQL | undefined)[] = [];
  if (filter.statuses?.length)
    conditions.push(or(...filter.statuses.map((s) => statusCondition(s, filter.overdueBefore))));
  if (filter.recipient) conditions.push(eq(rewards.recipient, filter.recipient));
  if (filter.search?.trim()) conditions.push(ilike(customers.email, `%${escapeLike(filter.search.trim())}%`));
  if (cursor)
    conditions.push(
      sql`(${rewards.createdAt}, ${rewards.id}) < (${cursor.createdAt.toISOString()}, ${cursor.id})`,
    );
  return m.db
    .select({
      reward: rewards,
      recipientEmail: customers.email,
      recipientFirstName: customers.firstName,
      recipientPlatformId: customers.platformCustomerId,
      journalAttempts: platformOperations.attempts,
      issueStartedAt: platformOperations.startedAt,
    })
    .from(rewards)
    .leftJoin(customers, m.joinOn(customers, rewards.recipientCustomerId))
    .leftJoin(
      platformOperations,
      m.where(
        platformOperations,
        eq(platformOperations.platform, 'shopify'),
        eq(platformOperations.idempotencyKey, sql`'issue:' || ${rewards.idempotencyKey}`),
      ),
    )
    .where(m.where(rewards, ...conditions))
    .orderBy(desc(rewards.createdAt), desc(rewards.id))
    .limit(limit);
}

/** Per reward: its claw-backs, summed. */
export async function summariseClawbacks(m: MerchantScope, rewardIds: string[]) {
  if (rewardIds.length === 0) return [];
  return m.db
    .select({
      rewardId: rewardClawbacks.rewardId,
      requestedMinor: sql<string>`coalesce(sum(${rewardClawbacks.amountMinor}), 0)`,
      recoveredMinor: sql<string>`coalesce(sum(${rewardClawbacks.recoveredMinor}), 0)`,
      shortfallMinor: sql<string>`coalesce(sum(${rewardClawbacks.shortfallMinor}), 0)`,
      pending: sql<number>`(count(*) filter (where ${rewardClawbacks.status} = 'pending'))::int`,
      lastAt: sql<string>`max(${rewardClawbacks.createdAt})`,
    })
    .from(rewardClawbacks)
    .where(m.where(rewardClawbacks, inArray(rewardClawbacks.rewardId, rewardIds)))
    .groupBy(rewardClawbacks.rewardId);
}
