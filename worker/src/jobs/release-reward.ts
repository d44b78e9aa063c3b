import { releaseReward } from '@referrals/core';
import { z } from 'zod';
import { defineJob } from './define-job.js';

export const releaseRewardJob = defineJob({
  name: 'release-reward',
  queue: 'scheduled',
  payloadSchema: z.object({ merchantId: z.string().uuid(), rewardId: z.string().uuid() }),
  async handle(payload, { engine }) {
    // 'not_due' (clock skew or an early job) is harmless: the sweep releases it when due.
    return releaseReward(engine, payload);
  },
});
