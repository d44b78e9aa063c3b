import { issueReward } from '@referrals/core';
import { z } from 'zod';
import { defineJob } from './define-job.js';

export const issueRewardJob = defineJob({
  name: 'issue-reward',
  queue: 'rewards',
  payloadSchema: z.object({ merchantId: z.string().uuid(), rewardId: z.string().uuid() }),
  async handle(payload, { engine, rewardIssuer }) {
    if (!rewardIssuer) throw new Error('No reward issuer is configured; the job waits for a retry.');
    return issueReward(engine, rewardIssuer, payload);
  },
});
