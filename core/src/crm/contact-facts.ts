// Queries behind a CRM contact: one per kind of fact for a whole batch, each filtered on the merchant.
import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { pickLinkCode } from '../advocates/index.js';
import type { Database } from '../db/client.js';
import {
  advocates,
  customers,
  merchants,
  orders,
  referralCodes,
  referrals,
  rewards,
} from '../db/schema/index.js';
import { DomainError } from '../errors.js';

/**
 * The address a CRM knows the person by: the one they gave, trimmed and lower-cased (CRMs match
 * emails case-insensitively). Not the identity key `emailNormalized`, which drops dots and plus
 * tags and so would create a second contact beside the real one. Null when no plausible address.
 */
export function crmEmailOf(row: { email: string | null; emailNormalized: string | null }): string | null {
  if (!row.emailNormalized) return null;
  return row.email?.trim().toLowerCase() || row.emailNormalized;
}

export async function loadMerchantBasics(db: Database, m: string) {
  const [row] = await db
    .select({ currency: merchants.currency, shopDomain: merchants.shopDomain })
    .from(merchants)
    .where(eq(merchants.id, m));
  if (!row) throw new DomainError('NOT_FOUND', `Merchant ${m} not found.`);
  return row;
}

export function loadCustomerEmails(db: Database, m: string, customerIds: string[]) {
  return db
    .select({ id: customers.id, email: customers.email, emailNormalized: customers.emailNormalized })
    .from(customers)
    .where(and(eq(customers.merchantId, m), inArray(customers.id, customerIds)));
}

export function loadAdvocatesOf(db: Database, m: string, customerIds: string[]) {
  return db
    .select({ id: advocates.id, customerId: advocates.customerId })
    .from(advocates)
    .where(and(eq(advocates.merchantId, m), inArray(advocates.customerId, customerIds)));
}

/** Each advocate's link code (the oldest active shared code), keyed by advocate id. */
export async function loadLinkCodes(db: Database, m: string, advocateIds: string[]) {
  const rows = await db
    .select({
      advocateId: referralCodes.advocateId,
      code: referralCodes.code,
      kind: referralCodes.kind,
      status: referralCodes.status,
    })
    .from(referralCodes)
    .where(and(eq(referralCodes.merchantId, m), inArray(referralCodes.advocateId, advocateIds)))
    .orderBy(asc(referralCodes.createdAt), asc(referralCodes.code));
  return new Map(advocateIds.map((id) => [id, pickLinkCode(rows.filter((row) => row.advocateId === id))]));
}

/**
 * Rewards handed to each advocate, less what was taken back, in the merchant's currency (points
 * and other currencies cannot be added to it). Held, released or voided rewards are not earned yet.
 */
export async function loadRewardsEarned(db: Database, m: string, advocateIds: string[], currency: string) {
  const rows = await db
    .select({
      advocateId: rewards.advocateId,
      earned:
        sql<number>`coalesce(sum(greatest(${rewards.amountMinor} - ${rewards.reversedMinor}, 0)), 0)`.mapWith(
          Number,
        ),
    })
    .from(rewards)
    .where(
      and(
        eq(rewards.merchantId, m),
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
export async function loadFriendReferrals(db: Database, m: string, customerIds: string[]) {
  const friend = sql<string>`coalesce(${referrals.friendCustomerId}, ${orders.customerId})`;
  return db
    .selectDistinctOn([friend], {
      friendId: friend,
      advocateId: referrals.advocateId,
      status: referrals.status,
      source: referrals.source,
      platformOrderId: orders.platformOrderId,
    })
    .from(referrals)
    .innerJoin(orders, and(eq(orders.id, referrals.orderId), eq(orders.merchantId, m)))
    .where(
      and(
        eq(referrals.merchantId, m),
        or(
          inArray(referrals.friendCustomerId, customerIds),
          and(isNull(referrals.friendCustomerId), inArray(orders.customerId, customerIds)),
        ),
      ),
    )
    .orderBy(friend, desc(referrals.createdAt), desc(referrals.id));
}

/** The CRM email of each advocate's customer, keyed by advocate id. */
export async function loadAdvocateEmails(db: Database, m: string, advocateIds: string[]) {
  const rows = await db
    .select({ advocateId: advocates.id, email: customers.email, emailNormalized: customers.emailNormalized })
    .from(advocates)
    .innerJoin(customers, and(eq(customers.id, advocates.customerId), eq(customers.merchantId, m)))
    .where(and(eq(advocates.merchantId, m), inArray(advocates.id, advocateIds)));
  return new Map(rows.map((row) => [row.advocateId, crmEmailOf(row)]));
}
