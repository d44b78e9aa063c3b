import { type DomainEventInput, type EngineContext, ingestInboundEvent, schema } from '@referrals/core';
import { eq } from 'drizzle-orm';
import { waitFor } from './wait-for.js';

/** Stores an engine event in the inbox the way a webhook route does; the worker takes it from there. */
export const receive = (
  engine: EngineContext,
  merchantId: string,
  externalId: string,
  event: DomainEventInput,
) =>
  ingestInboundEvent(engine.db, {
    merchantId,
    platform: 'internal',
    externalId,
    topic: event.type,
    payload: JSON.parse(JSON.stringify(event)),
  });

/** Waits until the merchant's only reward reaches `status`, and returns it. */
export const waitForReward = (engine: EngineContext, merchantId: string, status: string) =>
  waitFor(`reward ${status}`, async () => {
    const [reward] = await engine.db
      .select()
      .from(schema.rewards)
      .where(eq(schema.rewards.merchantId, merchantId));
    return reward?.status === status ? reward : null;
  });
