// The admin's advocate list: one statement for a page with its aggregates as correlated
// subqueries (referrals/ with orders/, rewards/, the ledger's accounts), evaluated once per listed
// row, never one query per advocate; the matching ids and count behind it; the shop's currency.
import { asc, desc, eq, exists, ilike, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
import type { MerchantScope } from '../../db/merchant-scope.js';
import {
  advocates,
  customers,
  ledgerAccounts,
  ledgerEntries,
  merchants,
  orders,
  referralCodes,
  referrals,
  rewards,
} from '../../db/schema/index.js';
import { accountKeys } from '../../ledger/index.js';
import { normalizeCode } from '../codes.js';
import { SHARED_KINDS } from './codes.js';

export type AdvocateListSort = 'newest' | 'referrals' | 'revenue';

const SUCCESSFUL = ['approved', 'rewarded'] as const;
const SHOWN_REWARD_STATUSES = ['held', 'released', 'issued'] as const;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
const scalar = <T = unknown>(query: SQL | { getSQL(): SQL }) => sql<T>`(${query})`;

/** The shop's currency (merchants/): the list's money columns are in it. */
export async function findShopCurrency(m: MerchantScope): Promise<string> {
  const [row] = await m.db.select({ currency: merchants.currency }).from(merchants).where(m.merchantRow);
  return row?.currency ?? 'USD';
}

/** Email or first name containing the text, or a code containing it (codes compared normalised). */
function searchCondition(m: MerchantScope, search: string | undefined): SQL | undefined {
  const text = search?.trim();
  if (!text) return undefined;
  const pattern = `%${escapeLike(text)}%`;
  const code = normalizeCode(text);
  const codeMatch = code
    ? exists(
        m.db
          .select({ one: sql`1` })
          .from(referralCodes)
          .where(
            m.where(
              referralCodes,
              eq(referralCodes.advocateId, advocates.id),
              ilike(referralCodes.code, `%${escapeLike(code)}%`),
            ),
          ),
      )
    : undefined;
  return or(ilike(customers.email, pattern), ilike(customers.firstName, pattern), codeMatch);
}

/** The columns of a list row; money is in `currency` (the shop's), live amounts after refunds. */
function listColumns(m: MerchantScope, currency: string) {
  const successful = inArray(referrals.status, [...SUCCESSFUL]);
  const ledgerKey = (prefix: string) => sql`${prefix} || ${advocates.id}::text`;
  const ownKeys = sql`${ledgerAccounts.key} in (${ledgerKey(accountKeys.held(''))}, ${ledgerKey(accountKeys.payable(''))}, ${ledgerKey(accountKeys.receivable(''))})`;
  const ledgerSum = (keys: SQL) =>
    scalar(
      m.db
        .select({ sum: sql`coalesce(sum(${ledgerEntries.amountMinor}), 0)` })
        .from(ledgerEntries)
        .innerJoin(ledgerAccounts, m.joinOn(ledgerAccounts, ledgerEntries.accountId))
        .where(m.where(ledgerEntries, eq(ledgerAccounts.currency, currency), keys)),
    );
  const advocateRewards = m.where(
    rewards,
    eq(rewards.advocateId, advocates.id),
    eq(rewards.recipient, 'advocate'),
    inArray(rewards.status, [...SHOWN_REWARD_STATUSES]),
  );
  return {
    id: advocates.id,
    status: advocates.status,
    createdAt: advocates.createdAt,
    email: customers.email,
    firstName: customers.firstName,
    redactedAt: customers.redactedAt,
    linkCode: scalar<string | null>(
      m.db
        .select({ code: referralCodes.code })
        .from(referralCodes)
        .where(
          m.where(
            referralCodes,
            eq(referralCodes.advocateId, advocates.id),
            eq(referralCodes.status, 'active'),
            inArray(referralCodes.kind, [...SHARED_KINDS]),
          ),
        )
        .orderBy(asc(referralCodes.createdAt), asc(referralCodes.code))
        .limit(1),
    ).as('link_code'),
    successfulReferrals: scalar(
      m.db
        .select({ n: sql`count(*)` })
        .from(referrals)
        .where(m.where(referrals, eq(referrals.advocateId, advocates.id), successful)),
    )
      .mapWith(Number)
      .as('successful_referrals'),
    referredRevenueMinor: scalar(
      m.db
        .select({ sum: sql`coalesce(sum(${orders.totalMinor} - ${orders.refundedMinor}), 0)` })
        .from(referrals)
        .innerJoin(orders, m.joinOn(orders, referrals.orderId))
        .where(
          m.where(
            referrals,
            eq(referrals.advocateId, advocates.id),
            successful,
            eq(orders.currency, currency),
          ),
        ),
    )
      .mapWith(Number)
      .as('referred_revenue_minor'),
    rewardCount: scalar(m.db.select({ n: sql`count(*)` }).from(rewards).where(advocateRewards))
      .mapWith(Number)
      .as('reward_count'),
    rewardValueMinor: scalar(
      m.db
        .select({ sum: sql`coalesce(sum(${rewards.amountMinor} - ${rewards.reversedMinor}), 0)` })
        .from(rewards)
        .where(
          m.where(
            rewards,
            advocateRewards,
            eq(rewards.currency, currency),
            ne(rewards.kind, 'percent_discount'),
          ),
        ),
    )
      .mapWith(Number)
      .as('reward_value_minor'),
    // Held + payable + receivable, debit positive: negated, what the shop owes the advocate (net).
    ledgerSumMinor: ledgerSum(ownKeys).mapWith(Number).as('ledger_sum_minor'),
    receivableMinor: ledgerSum(sql`${ledgerAccounts.key} = ${ledgerKey(accountKeys.receivable(''))}`)
      .mapWith(Number)
      .as('receivable_minor'),
  };
}

const orderBy: Record<AdvocateListSort, SQL[]> = {
  newest: [sql`${advocates.createdAt} desc`, sql`${advocates.id} desc`],
  referrals: [sql`"successful_referrals" desc`, sql`${advocates.createdAt} desc`, sql`${advocates.id} desc`],
  revenue: [sql`"referred_revenue_minor" desc`, sql`${advocates.createdAt} desc`, sql`${advocates.id} desc`],
};

export type AdvocateListQuery = {
  currency: string;
  search?: string | undefined;
  sort: AdvocateListSort;
  limit: number;
  offset: number;
  /** Only these advocates (a page already chosen by score), in any order. */
  ids?: string[];
};

/** One page of advocates with their aggregates, in one statement. */
export function listAdvocateRows(m: MerchantScope, query: AdvocateListQuery) {
  return m.db
    .select(listColumns(m, query.currency))
    .from(advocates)
    .innerJoin(customers, m.joinOn(customers, advocates.customerId))
    .where(
      m.where(
        advocates,
        searchCondition(m, query.search),
        query.ids ? inArray(advocates.id, query.ids) : undefined,
      ),
    )
    .orderBy(...orderBy[query.sort])
    .limit(query.limit)
    .offset(query.offset);
}

export type AdvocateListRow = Awaited<ReturnType<typeof listAdvocateRows>>[number];

/** Every matching advocate's id, newest first (the order ties in the score keep). */
export function listMatchingAdvocateIds(m: MerchantScope, search: string | undefined) {
  return m.db
    .select({ id: advocates.id })
    .from(advocates)
    .innerJoin(customers, m.joinOn(customers, advocates.customerId))
    .where(m.where(advocates, searchCondition(m, search)))
    .orderBy(desc(advocates.createdAt), desc(advocates.id));
}

export async function countAdvocates(m: MerchantScope, search: string | undefined): Promise<number> {
  const [row] = await m.db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(advocates)
    .innerJoin(customers, m.joinOn(customers, advocates.customerId))
    .where(m.where(advocates, searchCondition(m, search)));
  return row?.n ?? 0;
}
