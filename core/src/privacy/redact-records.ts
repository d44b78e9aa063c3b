// The rows whose JSON or free text copies a person's identifiers: their orders' signals, the
// attribution decisions and referrals they took part in, and audit snapshots about them. Each is
// rewritten with the identifiers replaced; ids, amounts, currencies and statuses stay as they are.
import type { MerchantScope } from '../db/merchant-scope.js';
import type { orders } from '../db/schema/index.js';
import type { OrderSignals } from '../orders/index.js';
import type { PrivacySubject } from './find-subject.js';
import {
  findAuditRowsAbout,
  findDecisionsInvolving,
  findOrdersByIds,
  updateAuditSnapshots,
  updateDecisionText,
  updateOrderIdentity,
  updateReferralText,
} from './repository/records.js';
import { findReferralsOfPerson } from './repository/subject.js';
import { changed, type Scrubber } from './scrub.js';

type OrderRow = typeof orders.$inferSelect;

/** The signals that describe the buyer (browser, network, address, entry page) are dropped. */
const personalSignals = {
  visitorId: null,
  ipHash: null,
  addressKey: null,
  landingUrl: null,
} satisfies Partial<Record<keyof OrderSignals, null>>;

async function rewriteOrder(m: MerchantScope, order: OrderRow, next: Partial<OrderRow>): Promise<boolean> {
  const signals = next.signals ?? order.signals;
  const emailNormalized = next.emailNormalized === undefined ? order.emailNormalized : next.emailNormalized;
  if (!changed(order.signals, signals) && emailNormalized === order.emailNormalized) return false;
  await updateOrderIdentity(m, order.id, { signals, emailNormalized });
  return true;
}

/** The person's own orders: address, IP hash, visitor id and landing page dropped; amounts kept. */
export async function redactOrders(
  m: MerchantScope,
  subject: PrivacySubject,
  scrub: Scrubber,
): Promise<number> {
  let count = 0;
  for (const order of subject.orders) {
    const signals = scrub.json({ ...(order.signals as object), ...personalSignals });
    if (await rewriteOrder(m, order, { signals, emailNormalized: null })) count++;
  }
  return count;
}

/**
 * Decisions on the person's orders and decisions that weighed one of their advocate touches
 * ("cart attribute ALICE10", "email invitation to ..."); the other buyers' orders behind the
 * latter carry the person's code in their signals, so those signals are scrubbed too.
 */
export async function redactDecisions(
  m: MerchantScope,
  subject: PrivacySubject,
  scrub: Scrubber,
): Promise<{ decisions: number; otherOrders: number }> {
  const rows = await findDecisionsInvolving(m, subject);
  let decisions = 0;
  for (const row of rows) {
    const reasons = scrub.json(row.reasons);
    const signals = scrub.json(row.signals);
    if (!changed(row.reasons, reasons) && !changed(row.signals, signals)) continue;
    await updateDecisionText(m, row.id, { reasons, signals });
    decisions++;
  }
  const own = new Set(subject.orderIds);
  const others = await findOrdersByIds(
    m,
    rows.map((r) => r.orderId).filter((id) => !own.has(id)),
  );
  let otherOrders = 0;
  for (const order of others) {
    if (await rewriteOrder(m, order, { signals: scrub.json(order.signals) })) otherOrders++;
  }
  return { decisions, otherOrders };
}

/** Referrals as friend lose the friend's address; notes and findings of all of them are scrubbed. */
export async function redactReferrals(
  m: MerchantScope,
  subject: PrivacySubject,
  scrub: Scrubber,
): Promise<number> {
  const rows = await findReferralsOfPerson(m, subject);
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
    await updateReferralText(m, row.id, next);
    count++;
  }
  return count;
}

/** Audit snapshots about the person's records (e.g. the code chosen at enrolment). */
export async function redactAuditRows(
  m: MerchantScope,
  subjectIds: string[],
  scrub: Scrubber,
): Promise<number> {
  const rows = await findAuditRowsAbout(m, subjectIds);
  let count = 0;
  for (const row of rows) {
    const before = scrub.json(row.before);
    const after = scrub.json(row.after);
    if (!changed(row.before, before) && !changed(row.after, after)) continue;
    await updateAuditSnapshots(m, row.id, { before, after });
    count++;
  }
  return count;
}
