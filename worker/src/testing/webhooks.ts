import { type EngineContext, ingestInboundEvent } from '@referrals/core';
import { type DomainEventInput, rowsOf } from '@referrals/core/testing';
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
    const [reward] = await rowsOf(engine.db, 'rewards', merchantId);
    return reward?.status === status ? reward : null;
  });
