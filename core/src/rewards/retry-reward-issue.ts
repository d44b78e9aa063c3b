// A marketer's "Retry" on a failed reward: the reward goes back through the engine's own issue
// path. The outbox's reward.released message asks the relay to queue the issue job; when the
// queue still holds the job that ran out of retries (same job id), the safety-net sweep, which
// re-queues released-but-unissued rewards every minute, issues it. Audited with the staff member.
import { recordAudit } from '../audit/index.js';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { DomainError } from '../errors.js';
import { writeOutbox } from '../outbox/index.js';
import { findRewardForUpdate } from './repository/rewards.js';

export async function retryRewardIssue(
  db: Database,
  input: { merchantId: string; rewardId: string; actor: string },
): Promise<{ status: 'queued' }> {
  return forMerchant(db, input.merchantId).transaction(async (m) => {
    const reward = await findRewardForUpdate(m, input.rewardId);
    if (!reward) throw new DomainError('NOT_FOUND', `Reward ${input.rewardId} not found.`);
    if (reward.status !== 'released') {
      throw new DomainError(
        'CONFLICT',
        `Reward ${reward.id} is ${reward.status}, not waiting to be issued.`,
        {
          publicMessage: 'This reward is not waiting to be issued, so there is nothing to retry.',
        },
      );
    }
    await writeOutbox(m.db, {
      merchantId: reward.merchantId,
      topic: 'reward.released',
      aggregateId: reward.id,
      payload: { rewardId: reward.id },
    });
    await recordAudit(m.db, {
      merchantId: reward.merchantId,
      actor: input.actor,
      action: 'reward.issue_retried',
      subjectType: 'reward',
      subjectId: reward.id,
      before: { status: reward.status, releasedAt: reward.releasedAt },
      after: { requeued: true },
    });
    return { status: 'queued' as const };
  });
}
