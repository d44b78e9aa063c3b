// Reward -> platform: the rewards queue asks the RewardIssuer (Shopify adapter) to hand out a
// released reward, then records the platform's id. Both halves are idempotent.
import { and, eq, sql } from 'drizzle-orm';
import { customers, referrals, rewards } from '../db/schema.js';
import { byId } from '../db/scoped.js';
import { DomainError } from '../errors.js';
import { accountKeys, postTransaction } from '../ledger/index.js';
import { writeOutbox } from '../outbox/index.js';
import type { IssueRewardRequest, RewardIssuer } from '../ports.js';
import { canTransition } from '../referrals/index.js';
import type { EngineContext } from './context.js';
import { moveReferral } from './move-referral.js';
import { recipientKey } from './recipient-key.js';

export type IssueResult = 'issued' | 'already_issued' | 'not_released';

export async function issueReward(
  ctx: EngineContext,
  issuer: RewardIssuer,
  input: { merchantId: string; rewardId: string },
): Promise<IssueResult> {
  const [row] = await ctx.db
    .select({ reward: rewards, platformCustomerId: customers.platformCustomerId })
    .from(rewards)
    .leftJoin(customers, eq(customers.id, rewards.recipientCustomerId))
    .where(and(eq(rewards.merchantId, input.merchantId), eq(rewards.id, input.rewardId)));
  if (!row) throw new DomainError('NOT_FOUND', `Reward ${input.rewardId} not found.`);
  const { reward } = row;
  if (reward.status === 'issued' || reward.status === 'reversed') return 'already_issued';
  if (reward.status !== 'released') return 'not_released';
  const request: IssueRewardRequest = {
    merchantId: reward.merchantId,
    rewardId: reward.id,
    idempotencyKey: reward.idempotencyKey,
    recipient: reward.recipient,
    recipientCustomerId: reward.recipientCustomerId,
    recipientPlatformCustomerId: row.platformCustomerId,
    kind: reward.kind,
    amountMinor: reward.payoutMinor ?? 0,
    currency: reward.currency,
    bps: reward.bps,
  };
  const { platformRef } = await issuer.issue(request);
  return ctx.db.transaction(async (db) => {
    const [locked] = await db
      .select()
      .from(rewards)
      .where(byId(rewards, reward.merchantId, reward.id))
      .for('update');
    if (locked?.status !== 'released') return 'already_issued';
    const owner = recipientKey(locked);
    await postTransaction(db, {
      merchantId: locked.merchantId,
      idempotencyKey: `reward:${locked.id}:issue`,
      description: `Issued on the platform as ${platformRef}`,
      rewardId: locked.id,
      lines: [
        { account: accountKeys.payable(owner), currency: locked.currency, amountMinor: request.amountMinor },
        { account: accountKeys.issued(owner), currency: locked.currency, amountMinor: -request.amountMinor },
      ],
    });
    await db
      .update(rewards)
      .set({ status: 'issued', issuedAt: sql`now()`, platformRef })
      .where(byId(rewards, locked.merchantId, locked.id));
    if (locked.referralId) {
      const [referral] = await db
        .select()
        .from(referrals)
        .where(byId(referrals, locked.merchantId, locked.referralId));
      if (referral && canTransition(referral.status, 'rewarded') && referral.status === 'approved') {
        await moveReferral(db, referral, 'rewarded', {});
      }
    }
    await writeOutbox(db, {
      merchantId: locked.merchantId,
      topic: 'reward.issued',
      aggregateId: locked.id,
      payload: { rewardId: locked.id },
    });
    return 'issued' as const;
  });
}
