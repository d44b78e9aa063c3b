// The first step of every webhook after its signature check: store it once (unique on the
// platform's event id) and announce it through the outbox in the same transaction.
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { inboundEvents } from '../db/schema/index.js';
import { writeOutbox } from '../outbox/index.js';

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
  return forMerchant(db, input.merchantId).transaction(async ({ db: tx }) => {
    const [row] = await tx
      .insert(inboundEvents)
      .values({ ...input, payload: input.payload as object })
      .onConflictDoNothing()
      .returning({ id: inboundEvents.id });
    if (!row) return { inboundEventId: null, duplicate: true };
    await writeOutbox(tx, {
      merchantId: input.merchantId,
      topic: 'inbound.received',
      aggregateId: row.id,
      payload: { inboundEventId: row.id },
    });
    return { inboundEventId: row.id, duplicate: false };
  });
}

/** One stored inbound event, by id within its merchant (null when gone, e.g. purged). */
export async function findInboundEvent(db: Database, merchantId: string, inboundEventId: string) {
  const [row] = await db
    .select()
    .from(inboundEvents)
    .where(and(eq(inboundEvents.merchantId, merchantId), eq(inboundEvents.id, inboundEventId)));
  return row ?? null;
}
