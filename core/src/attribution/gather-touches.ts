// Collects every signal that could credit an advocate for an order, as plain Touch values for
// the pure decideAttribution rule. Each touch carries the window of the program version in force
// when it happened.
import { normalizeCode } from '../advocates/index.js';
import type { Database } from '../db/client.js';
import { forMerchant, type MerchantScope } from '../db/merchant-scope.js';
import { findLiveOffersByCodes } from '../friend-offers/index.js';
import type { OrderRow, OrderSignals } from '../orders/index.js';
import type { ProgramBook } from '../programs/index.js';
import type { Touch } from './decide-attribution.js';
import {
  findActiveReferralCodes,
  findAdvocatesWithIdentity,
  findClicksOfVisitor,
  findInvitationsTo,
} from './repository.js';

type RawTouch = Omit<Touch, 'advocateCustomerId' | 'advocateEmailNormalized' | 'windowDays'>;

/** A Touch plus the advocate's program, so the caller can find the version that judges it. */
export type ProgramTouch = Touch & { programId: string };

export async function gatherTouches(
  db: Database,
  order: OrderRow,
  orderAt: Date,
  book: ProgramBook,
): Promise<ProgramTouch[]> {
  // Runs inside the caller's transaction (process-inbound): the scope only builds the filters.
  const m = forMerchant(db, order.merchantId);
  const signals = order.signals as OrderSignals;
  const raw: RawTouch[] = [];

  const explicitCodes = [
    ...(signals.referralCode ? [{ code: normalizeCode(signals.referralCode), source: 'code' as const }] : []),
    ...signals.discountCodes.map((c) => ({ code: normalizeCode(c), source: 'discount' as const })),
  ];
  if (explicitCodes.length > 0) {
    const rows = await findActiveReferralCodes(
      m,
      explicitCodes.map((c) => c.code),
    );
    for (const { code, source } of explicitCodes) {
      const row = rows.find((r) => r.code === code);
      if (!row) continue;
      const label = source === 'code' ? 'cart attribute' : 'discount code';
      raw.push({
        advocateId: row.advocateId,
        codeId: row.id,
        source,
        signal: `${label} ${code}`,
        at: orderAt,
      });
    }
    // A friend's own single-use code, handed out for one advocate, is as explicit as theirs.
    const discountCodes = explicitCodes.filter((c) => c.source === 'discount').map((c) => c.code);
    for (const offer of await findLiveOffersByCodes(m.db, m.merchantId, discountCodes)) {
      raw.push({
        advocateId: offer.advocateId,
        codeId: offer.codeId,
        source: 'discount',
        signal: `friend discount code ${offer.discountCode}`,
        at: orderAt,
      });
    }
  }
  if (signals.visitorId) {
    const rows = await findClicksOfVisitor(m, signals.visitorId, orderAt);
    for (const click of rows) {
      raw.push({
        advocateId: click.advocateId,
        codeId: click.codeId,
        source: 'link',
        signal: `link click by visitor ${signals.visitorId}`,
        at: click.occurredAt,
      });
    }
  }
  if (order.emailNormalized) {
    const rows = await findInvitationsTo(m, order.emailNormalized);
    for (const inv of rows) {
      raw.push({
        advocateId: inv.advocateId,
        codeId: null,
        source: 'email',
        signal: `email invitation to ${order.emailNormalized}`,
        at: inv.invitedAt,
      });
    }
  }
  return enrich(m, raw, book);
}

async function enrich(m: MerchantScope, raw: RawTouch[], book: ProgramBook): Promise<ProgramTouch[]> {
  if (raw.length === 0) return [];
  const ids = [...new Set(raw.map((t) => t.advocateId))];
  const people = await findAdvocatesWithIdentity(m, ids);
  const touches: ProgramTouch[] = [];
  for (const t of raw) {
    const who = people.find((p) => p.advocateId === t.advocateId);
    if (who?.status !== 'active') continue;
    const version = book.inForce(who.programId, t.at);
    touches.push({
      ...t,
      advocateCustomerId: who.customerId,
      advocateEmailNormalized: who.emailNormalized,
      programId: who.programId,
      windowDays: version.rules.eligibility.attributionWindowDays,
    });
  }
  return touches;
}
