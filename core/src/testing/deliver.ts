import { randomBytes } from 'node:crypto';
import type { EngineContext } from '../context.js';
import type { DomainEventInput } from '../events/index.js';
import { ingestInboundEvent, processInboundEvent } from '../intake/index.js';

/** Stores an engine event in the inbox like a webhook would, then processes it like the worker. */
export async function deliver(
  engine: EngineContext,
  merchantId: string,
  event: DomainEventInput,
  externalId = randomBytes(8).toString('hex'),
) {
  const stored = await ingestInboundEvent(engine.db, {
    merchantId,
    platform: 'internal',
    externalId,
    topic: event.type,
    payload: JSON.parse(JSON.stringify(event)),
  });
  if (!stored.inboundEventId) return { status: 'duplicate' as const };
  return processInboundEvent(engine, { merchantId, inboundEventId: stored.inboundEventId });
}
