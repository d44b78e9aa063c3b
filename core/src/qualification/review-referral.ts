// A marketer's verdict on a referral held for review: approve grants its rewards, reject ends it.
import { recordAudit } from '../audit/index.js';
import type { EngineContext } from '../context.js';
import { forMerchant } from '../db/merchant-scope.js';
import { DomainError } from '../errors.js';
import { findVersionById } from '../programs/index.js';
import { moveReferral } from '../referrals/index.js';
import { grantRewards } from '../rewards/index.js';
import { findOrderForUpdateById, findReferralForUpdate, findReferralOrderId } from './repository.js';

export type ReviewReferralInput = {
  merchantId: string;
  referralId: string;
  verdict: 'approve' | 'reject';
  actor: string;
  note?: string;
};

export async function reviewReferral(ctx: EngineContext, input: ReviewReferralInput): Promise<void> {
  await forMerchant(ctx.db, input.merchantId).transaction(async (m) => {
    const { db } = m;
    // Lock order everywhere: order, then referral, then rewards (reconcile takes the same path).
    const orderId = await findReferralOrderId(m, input.referralId);
    if (!orderId) throw new DomainError('NOT_FOUND', `Referral ${input.referralId} not found.`);
    const order = await findOrderForUpdateById(m, orderId);
    const referral = await findReferralForUpdate(m, input.referralId);
    if (!referral || !order) throw new DomainError('NOT_FOUND', `Referral ${input.referralId} not found.`);
    const to = input.verdict === 'approve' ? 'approved' : 'rejected';
    const line = `${to === 'approved' ? 'Approved' : 'Rejected'} by ${input.actor}${input.note ? `: ${input.note}` : '.'}`;
    await moveReferral(db, referral, to, { qualification: [...(referral.qualification as string[]), line] });
    await recordAudit(db, {
      merchantId: m.merchantId,
      actor: input.actor,
      action: `referral.${input.verdict}d`,
      subjectType: 'referral',
      subjectId: referral.id,
      before: { status: referral.status },
      after: { status: to, note: input.note ?? null },
    });
    if (to === 'approved') {
      const version = await findVersionById(db, m.merchantId, referral.programVersionId);
      await grantRewards(ctx, db, {
        referral: { ...referral, status: 'approved', updatedAt: new Date() },
        order,
        version,
      });
    }
  });
}
