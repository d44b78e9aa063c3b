import { purgeRelayedOutbox } from '@referrals/core';
import { z } from 'zod';
import { defineJob } from './define-job.js';

/** Retention: relayed outbox rows are kept a week for debugging, then deleted. */
export const purgeRelayedOutboxJob = defineJob({
  name: 'purge-relayed-outbox',
  queue: 'scheduled',
  payloadSchema: z.object({}).passthrough(),
  async handle(_payload, { engine }) {
    return { deleted: await purgeRelayedOutbox(engine.db, new Date(Date.now() - 7 * 86_400_000)) };
  },
});
