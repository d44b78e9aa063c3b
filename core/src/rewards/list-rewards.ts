// The admin's rewards list: a page of a shop's rewards with what the marketer needs to act on each
// (release date, the platform's id, why an issue is stuck, claw-backs), and the same list walked
// in batches for a CSV export.
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import {
  type AdminRewardStatus,
  type RewardListCursor,
  type RewardListFilter,
  selectRewardPage,
  summariseClawbacks,
} from './repository/admin-rewards.js';

export { type AdminRewardStatus, adminRewardStatuses } from './repository/admin-rewards.js';

/**
 * A released reward the rewards queue has not issued within this long is shown as failed: its
 * job ran out of retries, and the safety-net sweep (findUnissuedRewards' default) takes it over.
 */
export const REWARD_ISSUE_OVERDUE_MS = 10 * 60_000;

export type RewardListQuery = Omit<RewardListFilter, 'overdueBefore'> & { now?: Date };

export type RewardListItem = {
  id: string;
  referralId: string | null;
  recipient: 'advocate' | 'friend';
  recipientEmail: string | null;
  recipientName: string | null;
  kind: 'percent_discount' | 'fixed_discount' | 'store_credit' | 'gift_card' | 'points';
  amountMinor: number;
  currency: string;
  bps: number | null;
  reversedMinor: number;
  payoutMinor: number | null;
  status: AdminRewardStatus;
  reason: string;
  createdAt: Date;
  holdUntil: Date;
  releasedAt: Date | null;
  issuedAt: Date | null;
  /** The platform's id of what was handed out (a Shopify gid, a discount code). */
  platformRef: string | null;
  /**
   * Why a failed reward is stuck: the platform's last error when one is stored, otherwise what we
   * can tell from the reward; null unless failed.
   */
  issueError: string | null;
  /** Issue calls made to the platform so far. */
  issueAttempts: number;
  lastIssueAttemptAt: Date | null;
  clawback: {
    requestedMinor: number;
    recoveredMinor: number;
    shortfallMinor: number;
    pending: number;
    lastAt: Date;
  } | null;
};

export type RewardListPage = { rewards: RewardListItem[]; nextCursor: string | null };

type Row = Awaited<ReturnType<typeof selectRewardPage>>[number];

function adminStatus(reward: Row['reward'], overdueBefore: Date): AdminRewardStatus {
  switch (reward.status) {
    case 'held':
      return 'pending';
    case 'released':
      return reward.releasedAt && reward.releasedAt <= overdueBefore ? 'failed' : 'issuing';
    case 'voided':
    case 'rejected':
      return 'voided';
    case 'reversed':
      return 'clawed_back';
    case 'issued':
      return reward.reversedMinor > 0 ? 'clawed_back' : 'issued';
  }
}

/**
 * Issue calls made so far: the reward's own count, or for a reward that has none recorded (issued
 * before the count was kept) the platform journal's.
 */
const attemptsOf = (row: Row): number => row.reward.issueAttempts || (row.journalAttempts ?? 0);

/**
 * Why an issue did not go through: the error the last failed attempt stored, otherwise what we can
 * tell from the reward and the platform journal.
 */
function issueErrorOf(row: Row): string {
  const { reward } = row;
  if (reward.lastIssueError) return reward.lastIssueError;
  if (reward.kind === 'store_credit' && !row.recipientPlatformId)
    return 'The recipient has no Shopify customer account, so store credit cannot be added.';
  const attempts = attemptsOf(row);
  if (attempts)
    return `Shopify did not confirm the reward after ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}.`;
  return 'The reward was released but has not reached Shopify yet.';
}

const encodeCursor = (c: RewardListCursor) =>
  Buffer.from(`${c.createdAt.toISOString()}|${c.id}`, 'utf8').toString('base64url');

function decodeCursor(cursor: string | undefined): RewardListCursor | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(createdAt.getTime())) return null;
  return { createdAt, id };
}

async function loadPage(
  db: Database,
  merchantId: string,
  query: RewardListQuery,
  cursor: RewardListCursor | null,
  limit: number,
): Promise<{ items: RewardListItem[]; last: RewardListCursor | null; more: boolean }> {
  const now = query.now ?? new Date();
  const filter: RewardListFilter = {
    ...query,
    overdueBefore: new Date(now.getTime() - REWARD_ISSUE_OVERDUE_MS),
  };
  return forMerchant(db, merchantId).transaction(async (m) => {
    const rows = await selectRewardPage(m, filter, cursor, limit + 1);
    const page = rows.slice(0, limit);
    const clawbacks = new Map(
      (
        await summariseClawbacks(
          m,
          page
            .filter((r) => r.reward.reversedMinor > 0 || r.reward.status === 'reversed')
            .map((r) => r.reward.id),
        )
      ).map((c) => [c.rewardId, c]),
    );
    const items = page.map((row): RewardListItem => {
      const { reward } = row;
      const status = adminStatus(reward, filter.overdueBefore);
      const clawback = clawbacks.get(reward.id);
      return {
        id: reward.id,
        referralId: reward.referralId,
        recipient: reward.recipient,
        recipientEmail: row.recipientEmail,
        recipientName: row.recipientFirstName,
        kind: reward.kind,
        amountMinor: reward.amountMinor,
        currency: reward.currency,
        bps: reward.bps,
        reversedMinor: reward.reversedMinor,
        payoutMinor: reward.payoutMinor,
        status,
        reason: reward.reason,
        createdAt: reward.createdAt,
        holdUntil: reward.holdUntil,
        releasedAt: reward.releasedAt,
        issuedAt: reward.issuedAt,
        platformRef: reward.platformRef,
        issueError: status === 'failed' ? issueErrorOf(row) : null,
        issueAttempts: attemptsOf(row),
        lastIssueAttemptAt: reward.lastIssueAttemptAt,
        clawback: clawback
          ? {
              requestedMinor: Number(clawback.requestedMinor),
              recoveredMinor: Number(clawback.recoveredMinor),
              shortfallMinor: Number(clawback.shortfallMinor),
              pending: clawback.pending,
              lastAt: new Date(clawback.lastAt),
            }
          : null,
      };
    });
    const lastRow = page.at(-1);
    return {
      items,
      last: lastRow ? { createdAt: lastRow.reward.createdAt, id: lastRow.reward.id } : null,
      more: rows.length > limit,
    };
  });
}

/** One page of the shop's rewards, newest first; pass `nextCursor` back for the next. */
export async function listRewards(
  db: Database,
  merchantId: string,
  query: RewardListQuery & { limit: number; cursor?: string | undefined },
): Promise<RewardListPage> {
  const page = await loadPage(db, merchantId, query, decodeCursor(query.cursor), query.limit);
  return { rewards: page.items, nextCursor: page.more && page.last ? encodeCursor(page.last) : null };
}

/**
 * Every reward matching the query, in batches (each its own short transaction, keyset-paged), so an
 * export of any size never holds the list in memory or a transaction open while a client reads.
 */
export async function* streamRewards(
  db: Database,
  merchantId: string,
  query: RewardListQuery,
  batchSize = 500,
): AsyncGenerator<RewardListItem[]> {
  const fixed = { ...query, now: query.now ?? new Date() };
  let cursor: RewardListCursor | null = null;
  for (;;) {
    const page = await loadPage(db, merchantId, fixed, cursor, batchSize);
    if (page.items.length > 0) yield page.items;
    if (!page.more || !page.last) return;
    cursor = page.last;
  }
}
