// Attribution's queries, through the merchant-scoped handle. It owns attribution_decisions; the
// other tables it reads or writes are named with their owner.
import { desc, eq, inArray, lte } from 'drizzle-orm';
import type { MerchantScope } from '../db/merchant-scope.js';
import {
  advocates,
  attributionDecisions,
  clicks,
  customers,
  invitations,
  orders,
  referralCodes,
  referrals,
  rewards,
} from '../db/schema/index.js';

export type DecisionRow = Pick<
  typeof attributionDecisions.$inferInsert,
  'credited' | 'advocateId' | 'rule' | 'reasons' | 'signals'
>;

/** False when the order already has a decision: the unique key keeps the first. */
export async function insertDecision(m: MerchantScope, orderId: string, row: DecisionRow): Promise<boolean> {
  const inserted = await m.db
    .insert(attributionDecisions)
    .values({ merchantId: m.merchantId, orderId, ...row })
    .onConflictDoNothing()
    .returning({ id: attributionDecisions.id });
  return inserted.length > 0;
}

export async function findDecisionOfOrder(m: MerchantScope, orderId: string) {
  const [row] = await m.db
    .select()
    .from(attributionDecisions)
    .where(m.where(attributionDecisions, eq(attributionDecisions.orderId, orderId)));
  return row;
}

export type NewReferral = Omit<typeof referrals.$inferInsert, 'merchantId'>;

/** The order's referral (referrals owns the table); undefined when the order already has one. */
export async function insertReferral(m: MerchantScope, values: NewReferral) {
  const [row] = await m.db
    .insert(referrals)
    .values({ ...values, merchantId: m.merchantId })
    .onConflictDoNothing()
    .returning();
  return row;
}

/** An order by its platform id (orders owns the table), without a lock: for reading only. */
export async function findOrderByPlatformId(m: MerchantScope, platformOrderId: string) {
  const [row] = await m.db
    .select()
    .from(orders)
    .where(m.where(orders, eq(orders.platformOrderId, platformOrderId)));
  return row;
}

/** The order's referral (referrals owns the table). */
export async function findReferralOfOrder(m: MerchantScope, orderId: string) {
  const [row] = await m.db
    .select()
    .from(referrals)
    .where(m.where(referrals, eq(referrals.orderId, orderId)));
  return row;
}

/** Every reward granted for a referral (rewards owns the table). */
export async function findRewardsOfReferral(m: MerchantScope, referralId: string) {
  return m.db
    .select()
    .from(rewards)
    .where(m.where(rewards, eq(rewards.referralId, referralId)));
}

/** Active referral codes among `codes` (advocates owns the table). */
export async function findActiveReferralCodes(m: MerchantScope, codes: string[]) {
  return m.db
    .select()
    .from(referralCodes)
    .where(
      m.where(
        referralCodes,
        // A disabled or rotated code no longer credits anyone (e.g. leaked to a coupon site).
        eq(referralCodes.status, 'active'),
        inArray(referralCodes.code, codes),
      ),
    );
}

/** A visitor's latest link clicks up to `until`, newest first, at most 100 (clicks owns the table). */
export async function findClicksOfVisitor(m: MerchantScope, visitorId: string, until: Date) {
  return m.db
    .select()
    .from(clicks)
    .where(m.where(clicks, eq(clicks.visitorId, visitorId), lte(clicks.occurredAt, until)))
    .orderBy(desc(clicks.occurredAt))
    .limit(100);
}

/** Email invitations sent to an address (advocates owns the table). */
export async function findInvitationsTo(m: MerchantScope, emailNormalized: string) {
  return m.db
    .select()
    .from(invitations)
    .where(m.where(invitations, eq(invitations.emailNormalized, emailNormalized)));
}

/** Advocates with their program and own identity (advocates and customers own the tables). */
export async function findAdvocatesWithIdentity(m: MerchantScope, advocateIds: string[]) {
  return m.db
    .select({
      advocateId: advocates.id,
      programId: advocates.programId,
      status: advocates.status,
      customerId: advocates.customerId,
      emailNormalized: customers.emailNormalized,
    })
    .from(advocates)
    .innerJoin(customers, m.joinOn(customers, advocates.customerId))
    .where(m.where(advocates, inArray(advocates.id, advocateIds)));
}
