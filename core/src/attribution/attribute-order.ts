// Attribute (worker -> core): decide which advocate, if any, an order credits, and keep the
// decision with its reasons so an admin can answer "why was / wasn't this order credited?".

import type { EngineContext } from '../context.js';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { markFriendOffersUsed } from '../friend-offers/index.js';
import type { OrderRow, OrderSignals } from '../orders/index.js';
import { writeOutbox } from '../outbox/index.js';
import { loadProgramBook } from '../programs/index.js';
import { qualifyReferral } from '../qualification/index.js';
import { decideAttribution } from './decide-attribution.js';
import { gatherTouches } from './gather-touches.js';
import { insertDecision, insertReferral } from './repository.js';

export type AttributionOutcome = { credited: boolean; referralId: string | null; rule: string };

export async function attributeOrder(
  ctx: EngineContext,
  db: Database,
  order: OrderRow,
): Promise<AttributionOutcome> {
  const merchantId = order.merchantId;
  // Runs inside process-inbound's transaction: the scope builds filters and opens nothing.
  const m = forMerchant(db, merchantId);
  // A second paid event for an order (another webhook topic) finds the decision already saved:
  // the decision's unique key turns it into a no-op below.
  const orderAt = order.placedAt ?? order.paidAt ?? new Date();
  // The friend's code was spent whoever ends up credited (and before a rejection below withdraws
  // that friend's unused offers).
  await markFriendOffersUsed(db, {
    merchantId,
    discountCodes: (order.signals as OrderSignals).discountCodes ?? [],
  });
  const book = await loadProgramBook(db, merchantId);
  const programId = book.activeProgramId;
  if (!programId) {
    await insertDecision(m, order.id, {
      credited: false,
      advocateId: null,
      rule: 'no_program',
      reasons: ['No active program.'],
      signals: [],
    });
    return { credited: false, referralId: null, rule: 'no_program' };
  }
  const current = book.inForce(programId, orderAt);
  const { touches, notes } = await gatherTouches(db, order, orderAt, book);
  const decision = decideAttribution({
    orderAt,
    model: current.rules.eligibility.attributionModel,
    friend: { customerId: order.customerId, emailNormalized: order.emailNormalized },
    touches,
    notes,
  });
  const saved = await insertDecision(m, order.id, {
    credited: decision.credited,
    advocateId: decision.advocateId,
    rule: decision.rule,
    reasons: decision.reasons,
    signals: decision.signals,
  });
  if (!saved || !decision.credited || !decision.advocateId) {
    return { credited: decision.credited, referralId: null, rule: decision.rule };
  }

  const winner = touches.find((t) => t.advocateId === decision.advocateId)!;
  // A referral is judged by the version in force when the friend first arrived.
  const version = book.inForce(winner.programId, decision.firstArrivedAt ?? orderAt);
  const referral = await insertReferral(m, {
    advocateId: decision.advocateId,
    codeId: decision.codeId,
    orderId: order.id,
    friendCustomerId: order.customerId,
    friendEmailNormalized: order.emailNormalized,
    programVersionId: version.id,
    source: decision.source ?? 'unknown',
    status: 'pending',
    firstArrivedAt: decision.firstArrivedAt ?? orderAt,
  });
  if (!referral) return { credited: true, referralId: null, rule: decision.rule };
  await writeOutbox(db, {
    merchantId,
    topic: 'referral.created',
    aggregateId: referral.id,
    payload: { referralId: referral.id, advocateId: referral.advocateId, orderId: order.id },
  });
  await qualifyReferral(ctx, db, { referral, order, version });
  return { credited: true, referralId: referral.id, rule: decision.rule };
}
