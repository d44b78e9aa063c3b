// The advocate dashboard's reads: the advocate's own rows, their referrals (referrals/) with the
// friend's customer row (customers/), and their rewards (rewards/).
import { and, asc, desc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import type { MerchantScope } from '../../db/merchant-scope.js';
import { advocates, customers, referralCodes, referrals, rewards } from '../../db/schema/index.js';
import { type CustomerKey, customerIs } from './advocates.js';

const SHOWN_REWARD_STATUSES = ['held', 'released', 'issued'] as const;

/** The advocate who is this customer, with their first name; null when they are not one. */
export async function findDashboardAdvocate(m: MerchantScope, key: CustomerKey) {
  const [advocate] = await m.db
    .select({
      id: advocates.id,
      programId: advocates.programId,
      status: advocates.status,
      consentAt: advocates.consentAt,
      createdAt: advocates.createdAt,
      firstName: customers.firstName,
    })
    .from(advocates)
    .innerJoin(customers, m.joinOn(customers, advocates.customerId))
    .where(m.where(advocates, customerIs(key)));
  return advocate ?? null;
}

/** Every code of the advocate, oldest first, disabled ones included. */
export function listAdvocateCodes(m: MerchantScope, advocateId: string) {
  return m.db
    .select({
      code: referralCodes.code,
      kind: referralCodes.kind,
      status: referralCodes.status,
      createdAt: referralCodes.createdAt,
    })
    .from(referralCodes)
    .where(m.where(referralCodes, eq(referralCodes.advocateId, advocateId)))
    .orderBy(asc(referralCodes.createdAt), asc(referralCodes.code));
}

/** The advocate's newest referrals, with the friend's first name and email where known. */
export function listAdvocateReferrals(m: MerchantScope, advocateId: string, limit: number) {
  return m.db
    .select({
      id: referrals.id,
      status: referrals.status,
      createdAt: referrals.createdAt,
      friendEmailNormalized: referrals.friendEmailNormalized,
      friendFirstName: customers.firstName,
      friendEmail: customers.email,
    })
    .from(referrals)
    .leftJoin(customers, m.joinOn(customers, referrals.friendCustomerId))
    .where(m.where(referrals, eq(referrals.advocateId, advocateId)))
    .orderBy(desc(referrals.createdAt), desc(referrals.id))
    .limit(limit);
}

/** The advocate's own held, released and issued rewards. */
const advocateRewards = (m: MerchantScope, advocateId: string): SQL =>
  m.where(
    rewards,
    eq(rewards.advocateId, advocateId),
    eq(rewards.recipient, 'advocate'),
    inArray(rewards.status, [...SHOWN_REWARD_STATUSES]),
  );

/** What a reward is worth now: the granted amount less any refund reversal. */
const live = sql<number>`${rewards.amountMinor} - ${rewards.reversedMinor}`.mapWith(Number);

/** The advocate's newest shown rewards, at their live amount. */
export function listAdvocateRewards(m: MerchantScope, advocateId: string, limit: number) {
  return m.db
    .select({
      id: rewards.id,
      kind: rewards.kind,
      status: rewards.status,
      amountMinor: live,
      currency: rewards.currency,
      bps: rewards.bps,
      holdUntil: rewards.holdUntil,
      releasedAt: rewards.releasedAt,
      issuedAt: rewards.issuedAt,
      createdAt: rewards.createdAt,
    })
    .from(rewards)
    .where(advocateRewards(m, advocateId))
    .orderBy(desc(rewards.createdAt), desc(rewards.id))
    .limit(limit);
}

/**
 * Earned (issued) and pending live amounts per currency, summed in SQL over every shown reward,
 * not just the listed ones; percent discounts are left out, their value is only known at checkout.
 */
export function sumAdvocateRewards(m: MerchantScope, advocateId: string) {
  return m.db
    .select({
      currency: rewards.currency,
      earnedMinor: sql<number>`coalesce(sum(${live}) filter (where ${rewards.status} = 'issued'), 0)`.mapWith(
        Number,
      ),
      pendingMinor:
        sql<number>`coalesce(sum(${live}) filter (where ${rewards.status} <> 'issued'), 0)`.mapWith(Number),
    })
    .from(rewards)
    .where(and(advocateRewards(m, advocateId), ne(rewards.kind, 'percent_discount')))
    .groupBy(rewards.currency)
    .orderBy(rewards.currency);
}
