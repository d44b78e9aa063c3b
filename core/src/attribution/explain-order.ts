// "Why was / wasn't this order credited?": the stored decision, the referral's qualification
// notes and risk findings, and what happened to each reward.
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import {
  findDecisionOfOrder,
  findOrderByPlatformId,
  findReferralOfOrder,
  findRewardsOfReferral,
} from './repository.js';

export async function explainOrder(db: Database, merchantId: string, platformOrderId: string) {
  return forMerchant(db, merchantId).transaction(async (m) => {
    const order = await findOrderByPlatformId(m, platformOrderId);
    if (!order) return null;
    const decision = await findDecisionOfOrder(m, order.id);
    const referral = await findReferralOfOrder(m, order.id);
    const granted = referral ? await findRewardsOfReferral(m, referral.id) : [];
    return {
      orderId: platformOrderId,
      credited: decision?.credited ?? false,
      decidedBy: decision?.rule ?? 'not_yet_decided',
      reasons: (decision?.reasons as string[] | undefined) ?? [
        'The order has not been paid yet, so it was not attributed.',
      ],
      signals: decision?.signals ?? [],
      referral: referral
        ? {
            id: referral.id,
            status: referral.status,
            advocateId: referral.advocateId,
            source: referral.source,
            riskScore: referral.riskScore,
            riskFindings: referral.riskFindings,
            qualification: referral.qualification,
          }
        : null,
      rewards: granted.map((r) => ({
        id: r.id,
        recipient: r.recipient,
        kind: r.kind,
        status: r.status,
        amountMinor: r.amountMinor,
        reversedMinor: r.reversedMinor,
        currency: r.currency,
        holdUntil: r.holdUntil,
      })),
    };
  });
}
