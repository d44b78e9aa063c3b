// Queries behind a CRM contact: one per kind of fact for a whole batch, and the referral a contact
// card shows. They read other capabilities' tables (merchants, customers, advocates, referral codes, rewards, referrals, orders).
import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { pickLinkCode } from '../../advocates/index.js';
import type { MerchantScope } from '../../db/merchant-scope.js';
import {
  advocates,
  customers,
  merchants,
  orders,
  referralCodes,
  referrals,
  rewards,
} from '../../db/schema/index.js';
import { DomainError } from '../../errors.js';
import { crmEmailOf } from '../properties.js';

/** The merchant's currency and shop domain (the merchants capability's table). */
export async function loadMerchantBasics(m: MerchantScope) {
  const [row] = await m.db
    .select({ currency: merchants.currency, shopDomain: merchants.shopDomain })
    .from(merchants)
    .where(m.merchantRow);
  if (!row) throw new DomainError('NOT_FOUND', `Merchant ${m.merchantId} not found.`);
  return row;
}

export function loadCustomerEmails(m: MerchantScope, customerIds: string[]) {
  return m.db
    .select({ id: customers.id, email: customers.email, emailNormalized: customers.emailNormalized })
    .from(customers)
    .where(m.where(customers, inArray(customers.id, customerIds)));
}

export function loadAdvocatesOf(m: MerchantScope, customerIds: string[]) {
  return m.db
    .select({ id: advocates.id, customerId: advocates.customerId })
    .from(advocates)
    .where(m.where(advocates, inArray(advocates.customerId, customerIds)));
}

/** Each advocate's link code (the oldest active shared code), keyed by advocate id. */
export async function loadLinkCodes(m: MerchantScope, advocateIds: string[]) {
  const rows = await m.db
    .select({
      advocateId: referralCodes.advocateId,
      code: referralCodes.code,
      kind: referralCodes.kind,
      status: referralCodes.status,
    })
    .from(referralCodes)
    .where(m.where(referralCodes, inArray(referralCodes.advocateId, advocateIds)))
    .orderBy(asc(referralCodes.createdAt), asc(referralCodes.code));
  return new Map(advocateIds.map((id) => [id, pickLinkCode(rows.filter((row) => row.advocateId === id))]));
}

/**
 * Rewards handed to each advocate, less what was taken back, in the merchant's currency (points
 * and other currencies cannot be added to it). Held, released or voided rewards are not earned yet.
 */
export async function loadRewardsEarned(m: MerchantScope, advocateIds: string[], currency: string) {
  const rows = await m.db
    .select({
      advocateId: rewards.advocateId,
      earned:
        sql<number>`coalesce(sum(greatest(${rewards.amountMinor} - ${rewards.reversedMinor}, 0)), 0)`.mapWith(
          Number,
        ),
    })
    .from(rewards)
    .where(
      m.where(
        rewards,
        inArray(rewards.advocateId, advocateIds),
        eq(rewards.recipient, 'advocate'),
        inArray(rewards.status, ['issued', 'reversed']),
        eq(rewards.currency, currency),
      ),
    )
    .groupBy(rewards.advocateId);
  return new Map(rows.map((row) => [row.advocateId!, row.earned]));
}

/** Each listed customer's latest referral as the referred friend (the order's customer when the referral names none). */
export async function loadFriendReferrals(m: MerchantScope, customerIds: string[]) {
  const friend = sql<string>`coalesce(${referrals.friendCustomerId}, ${orders.customerId})`;
  return m.db
    .selectDistinctOn([friend], {
      friendId: friend,
      advocateId: referrals.advocateId,
      status: referrals.status,
      source: referrals.source,
      platformOrderId: orders.platformOrderId,
    })
    .from(referrals)
    .innerJoin(orders, m.joinOn(orders, referrals.orderId))
    .where(
      m.where(
        referrals,
        or(
          inArray(referrals.friendCustomerId, customerIds),
          and(isNull(referrals.friendCustomerId), inArray(orders.customerId, customerIds)),
        ),
      ),
    )
    .orderBy(friend, desc(referrals.createdAt), desc(referrals.id));
}

/** The CRM email of each advocate's customer, keyed by advocate id. */
export async function loadAdvocateEmails(m: MerchantScope, advocateIds: string[]) {
  const rows = await m.db
    .select({ advocateId: advocates.id, email: customers.email, emailNormalized: customers.emailNormalized })
    .from(advocates)
    .innerJoin(customers, m.joinOn(customers, advocates.customerId))
    .where(m.where(advocates, inArray(advocates.id, advocateIds)));
  return new Map(rows.map((row) => [row.advocateId, crmEmailOf(row)]));
}

/**
 * The latest referral of the person with this normalised email as the referred friend, with its
 * advocate's name and email, its order's platform id and the code used.
 */
export async function findLatestReferralOfFriend(m: MerchantScope, email: string) {
  const advocateCustomer = alias(customers, 'advocate_customer');
  const friend = alias(customers, 'friend');
  const [row] = await m.db
    .select({
      advocateName: advocateCustomer.firstName,
      advocateEmail: advocateCustomer.email,
      source: referrals.source,
      platformOrderId: orders.platformOrderId,
      code: referralCodes.code,
      at: referrals.createdAt,
      status: referrals.status,
    })
    .from(referrals)
    .innerJoin(orders, m.joinOn(orders, referrals.orderId))
    .innerJoin(advocates, m.joinOn(advocates, referrals.advocateId))
    .innerJoin(advocateCustomer, m.joinOn(advocateCustomer, advocates.customerId))
    .leftJoin(friend, m.joinOn(friend, referrals.friendCustomerId))
    .leftJoin(referralCodes, m.joinOn(referralCodes, referrals.codeId))
    .where(
      m.where(referrals, or(eq(referrals.friendEmailNormalized, email), eq(friend.emailNormalized, email))),
    )
    .orderBy(desc(referrals.createdAt))
    .limit(1);
  return row ?? null;
}
