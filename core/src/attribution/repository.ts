// Attribution's queries, through the merchant-scoped handle. It owns attribution_decisions; the
// other tables it reads or writes are named with their owner.
import { asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { MerchantScope } from '../db/merchant-scope.js';
import {
  advocates,
  attributionDecisions,
  auditLog,
  clicks,
  customers,
  invitations,
  orderRefunds,
  orders,
  outbox,
  referralCodes,
  referrals,
  rewardClawbacks,
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

/**
 * The latest link clicks of any of `visitorIds` up to `until`, newest first, at most 100, each with
 * the code it carried (clicks and referral_codes are owned by clicks/ and advocates/).
 */
export async function findClicksOfVisitors(m: MerchantScope, visitorIds: string[], until: Date) {
  if (visitorIds.length === 0) return [];
  return m.db
    .select({
      codeId: clicks.codeId,
      advocateId: clicks.advocateId,
      visitorId: clicks.visitorId,
      occurredAt: clicks.occurredAt,
      code: referralCodes.code,
    })
    .from(clicks)
    .leftJoin(referralCodes, m.joinOn(referralCodes, clicks.codeId))
    .where(m.where(clicks, inArray(clicks.visitorId, visitorIds), lte(clicks.occurredAt, until)))
    .orderBy(desc(clicks.occurredAt))
    .limit(100);
}

/** Every code of the given advocates, any status, oldest first (advocates owns the table). */
export async function findCodesOfAdvocates(m: MerchantScope, advocateIds: string[]) {
  if (advocateIds.length === 0) return [];
  return m.db
    .select({
      id: referralCodes.id,
      advocateId: referralCodes.advocateId,
      code: referralCodes.code,
      status: referralCodes.status,
    })
    .from(referralCodes)
    .where(m.where(referralCodes, inArray(referralCodes.advocateId, advocateIds)))
    .orderBy(asc(referralCodes.createdAt), asc(referralCodes.code));
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
      platformCustomerId: customers.platformCustomerId,
      emailNormalized: customers.emailNormalized,
    })
    .from(advocates)
    .innerJoin(customers, m.joinOn(customers, advocates.customerId))
    .where(m.where(advocates, inArray(advocates.id, advocateIds)));
}

/** A referral by id (referrals owns the table). */
export async function findReferralById(m: MerchantScope, referralId: string) {
  const [row] = await m.db.select().from(referrals).where(m.byId(referrals, referralId));
  return row;
}

/** An order by id (orders owns the table), without a lock. */
export async function findOrderById(m: MerchantScope, orderId: string) {
  const [row] = await m.db.select().from(orders).where(m.byId(orders, orderId));
  return row;
}

/** The refunds recorded against an order, oldest first (orders owns the table). */
export async function findRefundsOfOrder(m: MerchantScope, platformOrderId: string) {
  return m.db
    .select()
    .from(orderRefunds)
    .where(m.where(orderRefunds, eq(orderRefunds.platformOrderId, platformOrderId)))
    .orderBy(asc(orderRefunds.occurredAt));
}

/** Claw-backs of the given rewards, oldest first (rewards owns the table). */
export async function findClawbacksOfRewards(m: MerchantScope, rewardIds: string[]) {
  if (rewardIds.length === 0) return [];
  return m.db
    .select()
    .from(rewardClawbacks)
    .where(m.where(rewardClawbacks, inArray(rewardClawbacks.rewardId, rewardIds)))
    .orderBy(asc(rewardClawbacks.createdAt));
}

/** What staff did to a referral, oldest first (audit owns the table). */
export async function findAuditOfReferral(m: MerchantScope, referralId: string) {
  return m.db
    .select()
    .from(auditLog)
    .where(m.where(auditLog, eq(auditLog.subjectType, 'referral'), eq(auditLog.subjectId, referralId)))
    .orderBy(asc(auditLog.at), asc(auditLog.id));
}

/**
 * The referral's status-change messages still in the outbox, oldest first (outbox owns the table).
 * Relayed messages are purged after a retention period, so this is the recent history only.
 */
export async function findStatusMessagesOfReferral(m: MerchantScope, referralId: string) {
  return m.db
    .select({ payload: outbox.payload, createdAt: outbox.createdAt })
    .from(outbox)
    .where(m.where(outbox, eq(outbox.topic, 'referral.status_changed'), eq(outbox.aggregateId, referralId)))
    .orderBy(asc(outbox.id));
}

/** Removes an order's decision so the order can be decided again (see reattributeOrder). */
export async function deleteDecision(m: MerchantScope, decisionId: string): Promise<boolean> {
  const deleted = await m.db
    .delete(attributionDecisions)
    .where(m.byId(attributionDecisions, decisionId))
    .returning({ id: attributionDecisions.id });
  return deleted.length > 0;
}

/** Adds one line to the order's decision reasons (kept in order). */
export async function appendDecisionReason(m: MerchantScope, orderId: string, reason: string): Promise<void> {
  await m.db
    .update(attributionDecisions)
    .set({ reasons: sql`${attributionDecisions.reasons} || ${JSON.stringify([reason])}::jsonb` })
    .where(m.where(attributionDecisions, eq(attributionDecisions.orderId, orderId)));
}
