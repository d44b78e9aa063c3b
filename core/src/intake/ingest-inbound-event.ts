// The first step of every webhook after its signature check: store it once (unique on the
// platform's event id) and announce it through the outbox in the same transaction.
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { writeOutbox } from '../outbox/index.js';
import { findInboundEventRow, insertInboundEvent } from './repository.js';

export type IngestInput = {
  merchantId: string;
  platform: 'shopify' | 'hubspot' | 'internal';
  externalId: string;
  topic: string;
  payload: unknown;
};

export async function ingestInboundEvent(
  db: Database,
  input: IngestInput,
): Promise<{ inboundEventId: string | null; duplicate: boolean }> {
  return forMerchant(db, input.merchantId).transaction(async (m) => {
    const { platform, externalId, topic, payload } = input;
    const id = await insertInboundEvent(m, { platform, externalId, topic, payload: payload as object });
    if (!id) return { inboundEventId: null, duplicate: true };
    await writeOutbox(m.db, {
      merchantId: m.merchantId,
      topic: 'inbound.received',
      aggregateId: id,
      payload: { inboundEventId: id },
    });
    return { inboundEventId: id, duplicate: false };
  });
}

/**
 * One stored inbound event, by id within its merchant (null when gone, e.g. purged). The worker
 * reads it once per event before processInboundEvent's own transaction, which locks and re-reads
 * it confined: a transaction here too would add round trips to every event of the pipeline.
 */
export async function findInboundEvent(db: Database, merchantId: string, inboundEventId: string) {
  return findInboundEventRow(forMerchant(db, merchantId), inboundEventId);
}
