import { findDueRewards } from '@referrals/core';
import { z } from 'zod';
import { defineJob } from './define-job.js';

/** Safety net behind the delayed release jobs (a lost or flushed job still gets released). */
export const sweepDueRewardsJob = defineJob({
  name: 'sweep-due-rewards',
  queue: 'scheduled',
  payloadSchema: z.object({}).passthrough(),
  async handle(_payload, { engine, enqueue }) {
    const due = await findDueRewards(engine, 1000);
    for (const d of due) await enqueue('scheduled', 'release-reward', d, { jobId: `release-${d.rewardId}` });
    return { due: due.length };
  },
});
