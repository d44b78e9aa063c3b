// The safety net behind crm-flush: merchants with contacts due and an unparked sync get a flush at
// once (after a reconnect, a lost job, or a backfill queued outside the worker).
import { findDueCrmMerchants } from '@referrals/core';
import { z } from 'zod';
import { flushCrmNow } from './crm-flush.js';
import { defineJob } from './define-job.js';

export const sweepCrmQueueJob = defineJob({
  name: 'sweep-crm-queue',
  queue: 'crm-sync',
  payloadSchema: z.object({}).passthrough(),
  async handle(_payload, deps) {
    if (!deps.crmWriter) return { skipped: 'no CRM writer configured' };
    const now = Date.now();
    const merchants = await findDueCrmMerchants(deps.engine.db, {
      platform: deps.crm.platform,
      now: new Date(now),
    });
    for (const merchantId of merchants) await flushCrmNow(deps, merchantId, undefined, now);
    return { merchants: merchants.length };
  },
});
