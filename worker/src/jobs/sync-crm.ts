import { z } from 'zod';
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
  async handle(payload, { crmSync }) {
    if (!crmSync) return { skipped: 'no CRM connected' };
    await crmSync.sync([payload]);
    return { synced: 1 };
  },
});
