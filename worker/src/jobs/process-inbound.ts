import { findInboundEvent, processInboundEvent } from '@referrals/core';
import { z } from 'zod';
import { defineJob } from './define-job.js';

export const processInboundJob = defineJob({
  name: 'process-inbound',
  queue: 'inbound',
  payloadSchema: z.object({ merchantId: z.string().uuid(), inboundEventId: z.string().uuid() }),
  async handle(payload, { engine, logger, mappers, inboundResolvers }) {
    let effective = mappers;
    const row = await findInboundEvent(engine.db, payload.merchantId, payload.inboundEventId);
    const resolve = row?.status === 'received' ? inboundResolvers[row.platform] : undefined;
    if (row && resolve) {
      // Platform calls happen here, before the engine's transaction; their answer is the mapping.
      const events = await resolve(row);
      effective = { ...mappers, [row.platform]: () => events };
    }
    const result = await processInboundEvent(engine, payload, effective);
    if (result.status === 'invalid')
      logger.warn({ ...payload, error: result.error }, 'inbound event rejected');
    return result;
  },
});
