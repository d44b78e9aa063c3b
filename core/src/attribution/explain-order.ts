// "Why was / wasn't this order credited?": the stored decision, the referral's qualification
// notes and risk findings, and what happened to each reward.
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { attributionDecisions, orders, referrals, rewards } from '../db/schema/index.js';

export async function explainOrder(db: Database, merchantId: string, platformOrderId: string) {
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.merchantId, merchantId), eq(orders.platformOrderId, platformOrderId)));
  if (!order) return null;
  const [decision] = await db
    .select()
    .from(attributionDecisions)
    .where(and(eq(attributionDecisions.merchantId, merchantId), eq(attributionDecisions.orderId, order.id)));
  const [referral] = await db
    .select()
    .from(referrals)
    .where(and(eq(referrals.merchantId, merchantId), eq(referrals.orderId, order.id)));
  const granted = referral
    ? await db
        .select()
        .from(rewards)
        .where(and(eq(rewards.merchantId, merchantId), eq(rewards.referralId, referral.id)))
    : [];
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
}
