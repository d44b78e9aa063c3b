import { processInboundEvent } from '@referrals/core';
import { z } from 'zod';
import { defineJob } from './define-job.js';

export const processInboundJob = defineJob({
  name: 'process-inbound',
  queue: 'inbound',
  payloadSchema: z.object({ merchantId: z.string().uuid(), inboundEventId: z.string().uuid() }),
  async handle(payload, { engine, logger, mappers }) {
    const result = await processInboundEvent(engine, payload, mappers);
    if (result.status === 'invalid')
      logger.warn({ ...payload, error: result.error }, 'inbound event rejected');
    return result;
  },
});
