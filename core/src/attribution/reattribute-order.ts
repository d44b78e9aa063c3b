// Decide an order again when new evidence arrives after it was decided "nobody credited": the
// web pixel's visitor for the checkout often lands after the order's webhook. Runs under the
// order's row lock (the caller holds it), so it happens once per piece of new evidence, and never
// once the order has a referral, is cancelled or has been refunded.
import type { EngineContext } from '../context.js';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { type AttributionOutcome, attributeOrder } from './attribute-order.js';
import {
  appendDecisionReason,
  deleteDecision,
  findDecisionOfOrder,
  findOrderByPlatformId,
  findReferralOfOrder,
  findRefundsOfOrder,
} from './repository.js';

export type ReattributeOrderInput = {
  merchantId: string;
  platformOrderId: string;
  /** What arrived, for the decision's reasons: "web pixel visitor v1 for checkout c1". */
  evidence: string;
};

/**
 * Null when there was nothing to decide again: no decision yet (the order's own attribution will
 * see the evidence), a credit already, no programme then, a referral, a cancellation or a refund.
 */
export async function reattributeOrder(
  ctx: EngineContext,
  db: Database,
  input: ReattributeOrderInput,
): Promise<AttributionOutcome | null> {
  // Runs inside process-inbound's transaction: the scope builds filters and opens nothing.
  const m = forMerchant(db, input.merchantId);
  const order = await findOrderByPlatformId(m, input.platformOrderId);
  if (!order || order.cancelledAt) return null;
  if ((await findRefundsOfOrder(m, order.platformOrderId)).length > 0) return null;
  const earlier = await findDecisionOfOrder(m, order.id);
  // 'no_program': deciding again now would judge the order by a programme that was not in force.
  if (!earlier || earlier.credited || earlier.rule === 'no_program') return null;
  if (await findReferralOfOrder(m, order.id)) return null;
  await deleteDecision(m, earlier.id);
  const outcome = await attributeOrder(ctx, db, order);
  await appendDecisionReason(
    m,
    order.id,
    `Decided again after ${input.evidence} arrived; the decision of ${earlier.decidedAt.toISOString()} (${earlier.rule}) credited nobody`,
  );
  return outcome;
}
