// The admin's advocate list: search by email, first name or code; sorted by successful referrals,
// referred revenue, score or newest; a page at a time (offset cursor: a ranking by aggregates
// has no stable key to seek from). Aggregates come from one statement per page; the score of a
// page's advocates from the score's batched queries (a handful, however many rows).
import { computeAdvocateScores } from '../advocate-score/index.js';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { DomainError } from '../errors.js';
import {
  type AdvocateListRow,
  countAdvocates,
  findShopCurrency,
  listAdvocateRows,
  listMatchingAdvocateIds,
} from './repository/admin-list.js';

export type AdvocateListSortKey = 'newest' | 'referrals' | 'revenue' | 'score';

export type ListAdvocatesQuery = {
  search?: string | undefined;
  sort: AdvocateListSortKey;
  limit: number;
  cursor?: string | null | undefined;
  now?: Date;
};

export type AdvocateListItem = {
  id: string;
  status: 'active' | 'suspended';
  createdAt: Date;
  email: string | null;
  firstName: string | null;
  redacted: boolean;
  /** The code the advocate's link carries; null when every shared code is disabled. */
  code: string | null;
  successfulReferrals: number;
  /** Successful referrals' orders in the shop's currency, net of refunds. */
  referredRevenueMinor: number;
  /** Held, released and issued rewards. */
  rewardCount: number;
  /** Their live value in the shop's currency (percent discounts have none until checkout). */
  rewardValueMinor: number;
  /** What the shop owes the advocate (held + payable) less what they owe back: negative when they owe. */
  balanceMinor: number;
  /** What the advocate owes after a claw-back fell short (the receivable account). */
  owedMinor: number;
  score: number;
};

export type AdvocateList = {
  currency: string;
  advocates: AdvocateListItem[];
  total: number;
  nextCursor: string | null;
  previousCursor: string | null;
};

const MAX_OFFSET = 100_000;

function offsetOf(cursor: string | null | undefined): number {
  if (!cursor) return 0;
  const offset = /^\d{1,6}$/.test(cursor) ? Number(cursor) : Number.NaN;
  if (!Number.isInteger(offset) || offset > MAX_OFFSET) {
    throw new DomainError('VALIDATION', `Bad advocate cursor ${cursor.slice(0, 32)}.`, {
      fields: { cursor: ['This page link has expired. Go back to the first page.'] },
    });
  }
  return offset;
}

export async function listAdvocates(
  db: Database,
  merchantId: string,
  query: ListAdvocatesQuery,
): Promise<AdvocateList> {
  const now = query.now ?? new Date();
  const offset = offsetOf(query.cursor);
  const search = query.search?.trim() || undefined;
  let scores: Map<string, { score: number }> | null = null;
  if (query.sort === 'score') {
    // The score is a formula over several aggregates, not a column: rank every matching advocate
    // (one batch of score queries for the shop), then load the chosen page's rows.
    scores = await computeAdvocateScores(db, { merchantId, advocateIds: 'all', now });
  }
  const { rows, total, currency, order } = await forMerchant(db, merchantId).transaction(
    async (m) => {
      const currency = await findShopCurrency(m);
      const total = await countAdvocates(m, search);
      if (!scores) {
        const rows = await listAdvocateRows(m, {
          currency,
          search,
          sort: query.sort === 'score' ? 'newest' : query.sort,
          limit: query.limit,
          offset,
        });
        return { rows, total, currency, order: null };
      }
      const ranked = (await listMatchingAdvocateIds(m, search))
        .map(({ id }, newest) => ({ id, newest, score: scores?.get(id)?.score ?? 0 }))
        .sort((a, b) => b.score - a.score || a.newest - b.newest)
        .slice(offset, offset + query.limit)
        .map((r) => r.id);
      const rows = ranked.length
        ? await listAdvocateRows(m, {
            currency,
            sort: 'newest',
            limit: ranked.length,
            offset: 0,
            ids: ranked,
          })
        : [];
      return { rows, total, currency, order: ranked };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  const ordered = order ? order.flatMap((id) => rows.filter((r) => r.id === id)) : rows;
  if (!scores && ordered.length > 0) {
    scores = await computeAdvocateScores(db, { merchantId, advocateIds: ordered.map((r) => r.id), now });
  }
  const next = offset + query.limit;
  return {
    currency,
    advocates: ordered.map((row) => toItem(row, scores?.get(row.id)?.score ?? 0)),
    total,
    nextCursor: next < total && next <= MAX_OFFSET ? String(next) : null,
    previousCursor: offset > 0 ? String(Math.max(0, offset - query.limit)) : null,
  };
}

function toItem(row: AdvocateListRow, score: number): AdvocateListItem {
  return {
    id: row.id,
    status: row.status,
    createdAt: row.createdAt,
    email: row.redactedAt ? null : row.email,
    firstName: row.redactedAt ? null : row.firstName,
    redacted: row.redactedAt !== null,
    code: row.linkCode,
    successfulReferrals: row.successfulReferrals,
    referredRevenueMinor: row.referredRevenueMinor,
    rewardCount: row.rewardCount,
    rewardValueMinor: row.rewardValueMinor,
    balanceMinor: -row.ledgerSumMinor,
    owedMinor: row.receivableMinor,
    score,
  };
}
