// The rows whose JSON or free text copies a person's identifiers: their orders' signals, the
// attribution decisions and referrals they took part in, and audit snapshots about them. Each is
// rewritten with the identifiers replaced; ids, amounts, currencies and statuses stay as they are.
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { attributionDecisions, auditLog, orders, referrals } from '../db/schema/index.js';
import { byId } from '../db/scoped.js';
import type { OrderSignals } from '../orders/index.js';
import { advocateReferralsOf, friendReferralsOf, type PrivacySubject } from './find-subject.js';
import { changed, type Scrubber } from './scrub.js';

type OrderRow = typeof orders.$inferSelect;

/** The signals that describe the buyer (browser, network, address, entry page) are dropped. */
const personalSignals = {
  visitorId: null,
  ipHash: null,
  addressKey: null,
  landingUrl: null,
} satisfies Partial<Record<keyof OrderSignals, null>>;

async function rewriteOrder(db: Database, order: OrderRow, next: Partial<OrderRow>): Promise<boolean> {
  const signals = next.signals ?? order.signals;
  const emailNormalized = next.emailNormalized === undefined ? order.emailNormalized : next.emailNormalized;
  if (!changed(order.signals, signals) && emailNormalized === order.emailNormalized) return false;
  await db
    .update(orders)
    .set({ signals, emailNormalized })
    .where(byId(orders, order.merchantId, order.id));
  return true;
}

/** The person's own orders: address, IP hash, visitor id and landing page dropped; amounts kept. */
export async function redactOrders(db: Database, subject: PrivacySubject, scrub: Scrubber): Promise<number> {
  let count = 0;
  for (const order of subject.orders) {
    const signals = scrub.json({ ...(order.signals as object), ...personalSignals });
    if (await rewriteOrder(db, order, { signals, emailNormalized: null })) count++;
  }
  return count;
}

/**
 * Decisions on the person's orders and decisions that weighed one of their advocate touches
 * ("cart attribute ALICE10", "email invitation to ..."); the other buyers' orders behind the
 * latter carry the person's code in their signals, so those signals are scrubbed too.
 */
export async function redactDecisions(
  db: Database,
  subject: PrivacySubject,
  scrub: Scrubber,
): Promise<{ decisions: number; otherOrders: number }> {
  const m = subject.merchantId;
  const rows = await db
    .select()
    .from(attributionDecisions)
    .where(
      and(
        eq(attributionDecisions.merchantId, m),
        or(
          inArray(attributionDecisions.orderId, subject.orderIds),
          inArray(attributionDecisions.advocateId, subject.advocateIds),
          ...subject.advocateIds.map(
            (id) => sql`${attributionDecisions.signals} @> ${JSON.stringify([{ advocateId: id }])}::jsonb`,
          ),
        ),
      ),
    );
  let decisions = 0;
  for (const row of rows) {
    const reasons = scrub.json(row.reasons);
    const signals = scrub.json(row.signals);
    if (!changed(row.reasons, reasons) && !changed(row.signals, signals)) continue;
    await db
      .update(attributionDecisions)
      .set({ reasons, signals })
      .where(byId(attributionDecisions, m, row.id));
    decisions++;
  }
  const own = new Set(subject.orderIds);
  const others = await db
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.merchantId, m),
        inArray(
          orders.id,
          rows.map((r) => r.orderId).filter((id) => !own.has(id)),
        ),
      ),
    );
  let otherOrders = 0;
  for (const order of others) {
    if (await rewriteOrder(db, order, { signals: scrub.json(order.signals) })) otherOrders++;
  }
  return { decisions, otherOrders };
}

/** Referrals as friend lose the friend's address; notes and findings of all of them are scrubbed. */
export async function redactReferrals(
  db: Database,
  subject: PrivacySubject,
  scrub: Scrubber,
): Promise<number> {
  const rows = await db
    .select()
    .from(referrals)
    .where(or(friendReferralsOf(subject), advocateReferralsOf(subject)));
  const isFriend = (row: (typeof rows)[number]) =>
    subject.orderIds.includes(row.orderId) ||
    (row.friendCustomerId !== null && subject.customerIds.includes(row.friendCustomerId)) ||
    (row.friendEmailNormalized !== null && subject.emailsNormalized.includes(row.friendEmailNormalized));
  let count = 0;
  for (const row of rows) {
    const next = {
      friendEmailNormalized: isFriend(row) ? null : row.friendEmailNormalized,
      qualification: scrub.json(row.qualification),
      riskFindings: scrub.json(row.riskFindings),
    };
    const same =
      next.friendEmailNormalized === row.friendEmailNormalized &&
      !changed(row.qualification, next.qualification) &&
      !changed(row.riskFindings, next.riskFindings);
    if (same) continue;
    // updated_at is left alone: it records the last state change, and this is not one.
    await db
      .update(referrals)
      .set(next)
      .where(byId(referrals, subject.merchantId, row.id));
    count++;
  }
  return count;
}

/** Audit snapshots about the person's records (e.g. the code chosen at enrolment). */
export async function redactAuditRows(
  db: Database,
  merchantId: string,
  subjectIds: string[],
  scrub: Scrubber,
): Promise<number> {
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.merchantId, merchantId), inArray(auditLog.subjectId, subjectIds)));
  let count = 0;
  for (const row of rows) {
    const before = scrub.json(row.before);
    const after = scrub.json(row.after);
    if (!changed(row.before, before) && !changed(row.after, after)) continue;
    await db
      .update(auditLog)
      .set({ before, after })
      .where(and(eq(auditLog.merchantId, merchantId), eq(auditLog.id, row.id)));
    count++;
  }
  return count;
}
