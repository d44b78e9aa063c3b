// Which customers are CRM contacts: those an outbox change touches, and those a backfill covers
// (advocates and referred friends). They read other capabilities' tables (rewards, referrals,
// orders, advocates).
import { gt, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import { union } from 'drizzle-orm/pg-core';
import type { MerchantScope } from '../../db/merchant-scope.js';
import { advocates, orders, referrals, rewards } from '../../db/schema/index.js';

/** The recipient, referral and advocate of each reward. */
export function findRewardParties(m: MerchantScope, rewardIds: string[]) {
  return m.db
    .select({
      recipient: rewards.recipientCustomerId,
      referralId: rewards.referralId,
      advocateId: rewards.advocateId,
    })
    .from(rewards)
    .where(m.where(rewards, inArray(rewards.id, rewardIds)));
}

/** The advocate and the friend (the order's customer when the referral recorded none) of each referral. */
export function findReferralParties(m: MerchantScope, referralIds: string[]) {
  return m.db
    .select({
      advocateId: referrals.advocateId,
      friend: sql<string | null>`coalesce(${referrals.friendCustomerId}, ${orders.customerId})`,
    })
    .from(referrals)
    .leftJoin(orders, m.joinOn(orders, referrals.orderId))
    .where(m.where(referrals, inArray(referrals.id, referralIds)));
}

export function findAdvocateCustomers(m: MerchantScope, advocateIds: string[]) {
  return m.db
    .select({ customerId: advocates.customerId })
    .from(advocates)
    .where(m.where(advocates, inArray(advocates.id, advocateIds)));
}

/** Customers who are advocates or referred friends of the merchant, after `after`, in id order. */
function contactsAfter(m: MerchantScope, after: string | null) {
  const friend = sql<string>`coalesce(${referrals.friendCustomerId}, ${orders.customerId})`;
  const advocateSide = m.db
    .select({ id: advocates.customerId })
    .from(advocates)
    .where(m.where(advocates, after ? gt(advocates.customerId, after) : undefined));
  const friendSide = m.db
    .select({ id: friend })
    .from(referrals)
    .innerJoin(orders, m.joinOn(orders, referrals.orderId))
    .where(m.where(referrals, isNotNull(friend), after ? (sql`${friend} > ${after}` as SQL) : undefined));
  return union(advocateSide, friendSide);
}

/** The next `limit` backfill contacts after the cursor `after` (null: from the start). */
export async function findBackfillContacts(
  m: MerchantScope,
  after: string | null,
  limit: number,
): Promise<string[]> {
  const page = await contactsAfter(m, after).orderBy(sql`1`).limit(limit);
  return page.map((row) => row.id);
}

export async function countBackfillContactsAfter(m: MerchantScope, after: string | null): Promise<number> {
  const all = contactsAfter(m, after).as('contacts');
  const [row] = await m.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(all);
  return row?.n ?? 0;
}
