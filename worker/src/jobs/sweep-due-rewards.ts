import { findDueRewards, findPendingClawbacks, findUnissuedRewards } from '@referrals/core';
import { z } from 'zod';
import { defineJob } from './define-job.js';

/**
 * The safety net behind the event-driven jobs: held rewards that are due, released rewards that
 * were never issued, and claw-backs still pending (a lost job, or one that ran out of retries).
 * Job ids carry the minute, so an old completed or failed job with the plain id never blocks a
 * new attempt; every step is idempotent in the database.
 */
export const sweepDueRewardsJob = defineJob({
  name: 'sweep-due-rewards',
  queue: 'scheduled',
  payloadSchema: z.object({}).passthrough(),
  async handle(_payload, { engine, enqueue }) {
    const minute = Math.floor(Date.now() / 60_000);
    const due = await findDueRewards(engine, 1000);
    for (const d of due)
      await enqueue('scheduled', 'release-reward', d, { jobId: `release-${d.rewardId}-sweep-${minute}` });
    const unissued = await findUnissuedRewards(engine);
    for (const r of unissued)
      await enqueue('rewards', 'issue-reward', r, { jobId: `issue-${r.rewardId}-sweep-${minute}` });
    const clawbacks = await findPendingClawbacks(engine);
    for (const c of clawbacks) {
      await enqueue('rewards', 'claw-back-reward', c, { jobId: `clawback-${c.clawbackId}-sweep-${minute}` });
    }
    return { due: due.length, unissued: unissued.length, clawbacks: clawbacks.length };
  },
});
