// Queries on the outbox. Writes happen in the announcing change's (merchant) transaction; the relay
// and the housekeeping read and delete across merchants, by design.
import { and, asc, inArray, isNotNull, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { outbox } from '../db/schema/index.js';

export type OutboxRow = typeof outbox.$inferSelect;
export type NewOutboxRow = typeof outbox.$inferInsert;

export async function insertOutboxRows(db: Database, rows: NewOutboxRow[]): Promise<void> {
  if (rows.length > 0) await db.insert(outbox).values(rows);
}

/** Up to `limit` due, unrelayed rows, locked (SKIP LOCKED: concurrent relays take different rows). */
export async function claimUnrelayedOutbox(tx: Database, limit: number): Promise<OutboxRow[]> {
  // Cross-merchant by design: the relay delivers every shop's messages in one ordered stream.
  return tx
    .select()
    .from(outbox)
    .where(and(isNull(outbox.relayedAt), lte(outbox.availableAt, sql`now()`)))
    .orderBy(asc(outbox.id))
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function markOutboxRelayed(tx: Database, ids: OutboxRow['id'][]): Promise<void> {
  // Cross-merchant by design: the ids are the rows this relay claimed, whichever shop they are for.
  await tx.update(outbox).set({ relayedAt: sql`now()` }).where(inArray(outbox.id, ids));
}

export async function countPendingOutbox(db: Database): Promise<number> {
  // Cross-merchant by design: the relay's backlog, all shops together.
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(outbox)
    .where(isNull(outbox.relayedAt));
  return row?.n ?? 0;
}

/** Retention: deletes relayed rows older than `before`; returns how many. */
export async function purgeRelayedOutbox(db: Database, before: Date): Promise<number> {
  // Cross-merchant by design: retention applies to every shop's relayed rows alike.
  const deleted = await db
    .delete(outbox)
    .where(and(isNotNull(outbox.relayedAt), lt(outbox.relayedAt, before)))
    .returning({ id: outbox.id });
  return deleted.length;
}
