// A marketer's verdict on a referral held for review: approve grants its rewards, reject ends it.
import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../audit/index.js';
import type { EngineContext } from '../context.js';
import { forMerchant } from '../db/merchant-scope.js';
import { orders, referrals } from '../db/schema/index.js';
import { byId } from '../db/scoped.js';
import { DomainError } from '../errors.js';
import { findVersionById } from '../programs/index.js';
import { moveReferral } from '../referrals/index.js';
import { grantRewards } from '../rewards/index.js';

export type ReviewReferralInput = {
  merchantId: string;
  referralId: string;
  verdict: 'approve' | 'reject';
  actor: string;
  note?: string;
};

export async function reviewReferral(ctx: EngineContext, input: ReviewReferralInput): Promise<void> {
  await forMerchant(ctx.db, input.merchantId).transaction(async ({ db }) => {
    // Lock order everywhere: order, then referral, then rewards (reconcile takes the same path).
    const [target] = await db
      .select({ orderId: referrals.orderId })
      .from(referrals)
      .where(and(eq(referrals.merchantId, input.merchantId), eq(referrals.id, input.referralId)));
    if (!target) throw new DomainError('NOT_FOUND', `Referral ${input.referralId} not found.`);
    const [order] = await db
      .select()
      .from(orders)
      .where(byId(orders, input.merchantId, target.orderId))
      .for('update');
    const [referral] = await db
      .select()
      .from(referrals)
      .where(byId(referrals, input.merchantId, input.referralId))
      .for('update');
    if (!referral || !order) throw new DomainError('NOT_FOUND', `Referral ${input.referralId} not found.`);
    const to = input.verdict === 'approve' ? 'approved' : 'rejected';
    const line = `${to === 'approved' ? 'Approved' : 'Rejected'} by ${input.actor}${input.note ? `: ${input.note}` : '.'}`;
    await moveReferral(db, referral, to, { qualification: [...(referral.qualification as string[]), line] });
    await recordAudit(db, {
      merchantId: input.merchantId,
      actor: input.actor,
      action: `referral.${input.verdict}d`,
      subjectType: 'referral',
      subjectId: referral.id,
      before: { status: referral.status },
      after: { status: to, note: input.note ?? null },
    });
    if (to === 'approved') {
      const version = await findVersionById(db, input.merchantId, referral.programVersionId);
      await grantRewards(ctx, db, {
        referral: { ...referral, status: 'approved', updatedAt: new Date() },
        order,
        version,
      });
    }
  });
}
