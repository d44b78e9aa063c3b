// Rows whose JSON or free text may copy a person's identifiers, and their rewrites. Only the
// copies change: ids, amounts, currencies and statuses are never written here. None of these
// tables is privacy's; each query names the owner.
import { asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { MerchantScope } from '../../db/merchant-scope.js';
import { attributionDecisions, auditLog, orders, referrals } from '../../db/schema/index.js';

type OrderRow = typeof orders.$inferSelect;
type ReferralRow = typeof referrals.$inferSelect;

/** Owner: orders. These orders, by our id. */
export function findOrdersByIds(m: MerchantScope, orderIds: readonly string[]) {
  return m.db
    .select()
    .from(orders)
    .where(m.where(orders, inArray(orders.id, orderIds)));
}

/** Owner: orders. Rewrites an order's signals and buyer address. */
export async function updateOrderIdentity(
  m: MerchantScope,
  orderId: string,
  values: Pick<OrderRow, 'signals' | 'emailNormalized'>,
): Promise<void> {
  await m.db.update(orders).set(values).where(m.byId(orders, orderId));
}

/**
 * Owner: attribution. Decisions on these orders, and decisions that weighed a touch of one of
 * these advocates (their id in the signals), whoever's order it was.
 */
export function findDecisionsInvolving(
  m: MerchantScope,
  who: { orderIds: readonly string[]; advocateIds: readonly string[] },
) {
  return m.db
    .select()
    .from(attributionDecisions)
    .where(
      m.where(
        attributionDecisions,
        or(
          inArray(attributionDecisions.orderId, who.orderIds),
          inArray(attributionDecisions.advocateId, who.advocateIds),
          ...who.advocateIds.map(
            (id) => sql`${attributionDecisions.signals} @> ${JSON.stringify([{ advocateId: id }])}::jsonb`,
          ),
        ),
      ),
    );
}

/** Owner: attribution. Rewrites a decision's reasons and signals. */
export async function updateDecisionText(
  m: MerchantScope,
  decisionId: string,
  values: { reasons: unknown; signals: unknown },
): Promise<void> {
  await m.db.update(attributionDecisions).set(values).where(m.byId(attributionDecisions, decisionId));
}

/** Owner: referrals. Rewrites a referral's friend address, notes and findings. */
export async function updateReferralText(
  m: MerchantScope,
  referralId: string,
  values: Pick<ReferralRow, 'friendEmailNormalized' | 'qualification' | 'riskFindings'>,
): Promise<void> {
  // updated_at is left alone: it records the last state change, and this is not one.
  await m.db.update(referrals).set(values).where(m.byId(referrals, referralId));
}

/** Owner: audit. The audit rows about these records, oldest first. */
export function findAuditRowsAbout(m: MerchantScope, subjectIds: readonly string[]) {
  return m.db
    .select()
    .from(auditLog)
    .where(m.where(auditLog, inArray(auditLog.subjectId, subjectIds)))
    .orderBy(asc(auditLog.id));
}

/** Owner: audit. Rewrites an audit row's snapshots; who did what, and when, stays. */
export async function updateAuditSnapshots(
  m: MerchantScope,
  auditId: number,
  values: { before: unknown; after: unknown },
): Promise<void> {
  // Audit ids are bigserial numbers, which `m.byId` (uuid strings) does not take.
  await m.db
    .update(auditLog)
    .set(values)
    .where(m.where(auditLog, eq(auditLog.id, auditId)));
}
