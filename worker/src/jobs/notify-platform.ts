import {
  beginPlatformOperation,
  completePlatformOperation,
  loadReferralConvertedNotice,
  loadRewardIssuedNotice,
} from '@referrals/core';
import { z } from 'zod';
import { defineJob } from './define-job.js';

/**
 * referral.status_changed (to approved) and reward.issued -> the platform's notifications
 * (Shopify Flow triggers). At most once: the journal row is committed before the call, and a
 * retry that finds it (the call may have reached Shopify) does not fire again.
 */
export const notifyPlatformJob = defineJob({
  name: 'notify-platform',
  queue: 'rewards',
  payloadSchema: z.object({
    merchantId: z.string().uuid(),
    notice: z.enum(['referral_converted', 'reward_issued']),
    id: z.string().uuid(),
  }),
  async handle(payload, { engine, platformNotifier, logger }) {
    if (!platformNotifier) return { skipped: 'no-notifier' };
    const key = {
      merchantId: payload.merchantId,
      platform: 'shopify' as const,
      idempotencyKey: `notify:${payload.notice}:${payload.id}`,
    };
    const state = await beginPlatformOperation(engine.db, { ...key, operation: 'flowTriggerReceive' });
    if (state.state !== 'new') {
      if (state.state === 'in_doubt')
        logger.warn(payload, 'notification may have been sent already; not repeated');
      return { skipped: state.state };
    }
    if (payload.notice === 'referral_converted') {
      const notice = await loadReferralConvertedNotice(engine.db, payload.merchantId, payload.id);
      if (notice) await platformNotifier.referralConverted(notice);
    } else {
      const notice = await loadRewardIssuedNotice(engine.db, payload.merchantId, payload.id);
      if (notice) await platformNotifier.rewardIssued(notice);
    }
    await completePlatformOperation(engine.db, key, null);
    return { sent: payload.notice };
  },
});
