// Queries on referrals, each inside one merchant. The rewards lifecycle locks and annotates
// referrals through these too, so every statement on the table lives here.
import { desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { MerchantScope } from '../db/merchant-scope.js';
import { advocates, customers, orders, referrals } from '../db/schema/index.js';

export type ReferralRow = typeof referrals.$inferSelect;
type ReferralChanges = Partial<Pick<ReferralRow, 'riskScore' | 'riskFindings' | 'qualification'>>;

/** The referral, locked until the transaction ends. */
export async function findReferralForUpdate(
  m: MerchantScope,
  referralId: string,
): Promise<ReferralRow | undefined> {
  const [row] = await m.db.select().from(referrals).where(m.byId(referrals, referralId)).for('update');
  return row;
}

/** The referral an order made (at most one: unique per order), locked until the transaction ends. */
export async function findReferralOfOrderForUpdate(
  m: MerchantScope,
  orderId: string,
): Promise<ReferralRow | undefined> {
  const [row] = await m.db
    .select()
    .from(referrals)
    .where(m.where(referrals, eq(referrals.orderId, orderId)))
    .for('update');
  return row;
}

/** How many of the advocate's referrals succeeded (approved or rewarded). */
export async function countSuccessfulReferrals(m: MerchantScope, advocateId: string): Promise<number> {
  const [row] = await m.db
    .select({ n: sql<number>`count(*)::int` })
    .from(referrals)
    .where(
      m.where(
        referrals,
        eq(referrals.advocateId, advocateId),
        inArray(referrals.status, ['approved', 'rewarded']),
      ),
    );
  return row?.n ?? 0;
}

/** Appends notes to the referral's qualification trail. */
export async function appendQualificationNotes(
  m: MerchantScope,
  referralId: string,
  notes: string[],
): Promise<void> {
  await m.db
    .update(referrals)
    .set({ qualification: sql`${referrals.qualification} || ${JSON.stringify(notes)}::jsonb` })
    .where(m.byId(referrals, referralId));
}

/**
 * Compare-and-set: moves the referral to `to` only if it is still `from`. False when another
 * transaction moved it in the meantime.
 */
export async function setReferralStatusIfUnchanged(
  m: MerchantScope,
  move: {
    referralId: string;
    from: ReferralRow['status'];
    to: ReferralRow['status'];
    changes: ReferralChanges;
  },
): Promise<boolean> {
  const moved = await m.db
    .update(referrals)
    .set({ ...move.changes, status: move.to, updatedAt: sql`now()` })
    .where(m.where(referrals, eq(referrals.id, move.referralId), eq(referrals.status, move.from)))
    .returning({ id: referrals.id });
  return moved.length > 0;
}

/** The merchant's latest referrals, newest first, with the platform id of each one's order. */
export async function listLatestReferrals(m: MerchantScope, limit: number) {
  return m.db
    .select({
      id: referrals.id,
      status: referrals.status,
      source: referrals.source,
      riskScore: referrals.riskScore,
      riskFindings: referrals.riskFindings,
      // Orders are the orders capability's table: read here for the list's one column.
      orderId: orders.platformOrderId,
      createdAt: referrals.createdAt,
    })
    .from(referrals)
    .innerJoin(orders, m.joinOn(orders, referrals.orderId))
    .where(m.where(referrals))
    .orderBy(desc(referrals.createdAt))
    .limit(limit);
}

export type ReferralListFilter = {
  statuses: ReferralRow['status'][];
  sources: string[];
  /** Created at or after. */
  from: Date | null;
  /** Created before. */
  before: Date | null;
  /** Keyset: the last row of the previous page (newest first); `at` is PostgreSQL's exact text. */
  after: { at: string; id: string } | null;
  limit: number;
};

/**
 * A page of the merchant's referrals, newest first, filtered by status, source and creation time,
 * with the order, the advocate's and the friend's identity. Orders, advocates and customers are
 * other capabilities' tables, read here for the list's columns.
 */
export async function listReferralsPage(m: MerchantScope, filter: ReferralListFilter) {
  const advocateCustomer = alias(customers, 'advocate_customer');
  return m.db
    .select({
      id: referrals.id,
      status: referrals.status,
      source: referrals.source,
      riskScore: referrals.riskScore,
      riskFindings: referrals.riskFindings,
      orderId: orders.platformOrderId,
      totalMinor: orders.totalMinor,
      currency: orders.currency,
      advocateId: referrals.advocateId,
      advocateEmail: advocateCustomer.email,
      advocateFirstName: advocateCustomer.firstName,
      friendEmail: orders.emailNormalized,
      createdAt: referrals.createdAt,
      /** The exact creation time (microseconds), for the next page's cursor. */
      cursorAt: sql<string>`${referrals.createdAt}::text`,
    })
    .from(referrals)
    .innerJoin(orders, m.joinOn(orders, referrals.orderId))
    .leftJoin(advocates, m.joinOn(advocates, referrals.advocateId))
    .leftJoin(advocateCustomer, m.joinOn(advocateCustomer, advocates.customerId))
    .where(
      m.where(
        referrals,
        filter.statuses.length > 0 ? inArray(referrals.status, filter.statuses) : undefined,
        filter.sources.length > 0 ? inArray(referrals.source, filter.sources) : undefined,
        filter.from ? gte(referrals.createdAt, filter.from) : undefined,
        filter.before ? lt(referrals.createdAt, filter.before) : undefined,
        filter.after
          ? sql`(${referrals.createdAt}, ${referrals.id}) < (${filter.after.at}::timestamptz, ${filter.after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(referrals.createdAt), desc(referrals.id))
    .limit(filter.limit);
}

/** How many of the merchant's referrals are in `status`. */
export async function countReferralsInStatus(
  m: MerchantScope,
  status: ReferralRow['status'],
): Promise<number> {
  const [row] = await m.db
    .select({ n: sql<number>`count(*)::int` })
    .from(referrals)
    .where(m.where(referrals, eq(referrals.status, status)));
  return row?.n ?? 0;
}
