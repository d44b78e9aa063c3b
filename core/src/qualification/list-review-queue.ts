// The review queue: referrals the fraud rules held for a person's verdict, oldest first, each with
// its risk findings, the evidence behind them, the order and the people involved.
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { describeRiskFindings } from './describe-risk.js';
import { findAdvocateProfile, findOrderWithEmail, listReferralsInReview } from './repository.js';

export async function listReviewQueue(db: Database, merchantId: string, limit = 100) {
  return forMerchant(db, merchantId).transaction(async (m) => {
    const rows = await listReferralsInReview(m, limit);
    const queue = [];
    for (const { referral, platformOrderId } of rows) {
      const order = await findOrderWithEmail(m, referral.orderId);
      const advocate = await findAdvocateProfile(m, referral.advocateId);
      queue.push({
        id: referral.id,
        status: referral.status,
        source: referral.source,
        riskScore: referral.riskScore,
        createdAt: referral.createdAt,
        orderId: platformOrderId,
        totalMinor: order?.order.totalMinor ?? null,
        currency: order?.order.currency ?? null,
        friendEmail: order?.customerEmail ?? order?.order.emailNormalized ?? null,
        advocate: advocate
          ? { id: advocate.advocateId, email: advocate.email, firstName: advocate.firstName }
          : null,
        qualification: (referral.qualification as string[]) ?? [],
        findings: await describeRiskFindings(m, referral),
      });
    }
    return queue;
  });
}

export type ReviewQueueItem = Awaited<ReturnType<typeof listReviewQueue>>[number];
