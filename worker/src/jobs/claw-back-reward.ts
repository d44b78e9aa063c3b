import { clawBackReward } from '@referrals/core';
import { z } from 'zod';
import { defineJob } from './define-job.js';

export const clawBackRewardJob = defineJob({
  name: 'claw-back-reward',
  queue: 'rewards',
  payloadSchema: z.object({ merchantId: z.string().uuid(), clawbackId: z.string().uuid() }),
  async handle(payload, { engine, rewardIssuer }) {
    if (!rewardIssuer) throw new Error('No reward issuer is configured; the job waits for a retry.');
    // RETRY_LATER (the reward is still being issued) throws and BullMQ retries with backoff.
    return clawBackReward(engine, rewardIssuer, payload);
  },
});
