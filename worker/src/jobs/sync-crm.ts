// contact-changed: an outbox change a CRM cares about. Queues the contacts it changed (coalesced
// per contact in PostgreSQL) and asks for a flush of the merchant shortly, so a burst of changes
// goes out as a few batches.
import { markContactsChanged } from '@referrals/core';
import { z } from 'zod';
import { scheduleCrmFlush } from './crm-flush.js';
import { defineJob } from './define-job.js';

export const syncCrmJob = defineJob({
  name: 'contact-changed',
  queue: 'crm-sync',
  payloadSchema: z.object({
    merchantId: z.string().uuid(),
    outboxId: z.number().int(),
    topic: z.string(),
    aggregateId: z.string(),
  }),
  async handle(payload, deps) {
    const { queued } = await markContactsChanged(deps.engine.db, {
      platform: deps.crm.platform,
      changes: [payload],
      at: new Date(),
    });
    // Queued even without a writer: nothing is lost, and the next flush with one writes it.
    if (queued > 0 && deps.crmWriter) await scheduleCrmFlush(deps, payload.merchantId, Date.now());
    return { queued };
  },
});
