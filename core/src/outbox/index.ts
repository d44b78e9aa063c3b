// The transactional outbox: a row written with the change it announces, relayed to a queue later.
// A relay that fails (Redis down) rolls back and the rows stay for the next attempt.
import { and, asc, inArray, isNotNull, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { outbox } from '../db/schema/index.js';

export const outboxTopics = [
  'inbound.received',
  'advocate.enrolled',
  'referral.created',
  'referral.status_changed',
  'reward.held',
  'reward.released',
  'reward.issued',
  'reward.voided',
  'reward.clawback_requested',
  'reward.clawed_back',
  'friend_offer.created',
  'friend_offer.deactivate',
] as const;
export type OutboxTopic = (typeof outboxTopics)[number];

export type OutboxMessage = {
  merchantId: string;
  topic: OutboxTopic;
  aggregateId: string;
  /** Ids and amounts only, never personal data. */
  payload: Record<string, unknown>;
};

export type OutboxRow = typeof outbox.$inferSelect;

export async function writeOutbox(db: Database, messages: OutboxMessage | OutboxMessage[]): Promise<void> {
  const rows = Array.isArray(messages) ? messages : [messages];
  if (rows.length > 0) await db.insert(outbox).values(rows);
}

/**
 * Claims up to `limit` unrelayed rows (SKIP LOCKED, so several relays never deliver one row twice
 * at once), hands them to `publish`, and marks them relayed only if `publish` resolves.
 */
export async function relayOutbox(
  db: Database,
  publish: (rows: OutboxRow[]) => Promise<void>,
  limit = 500,
): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(outbox)
      .where(and(isNull(outbox.relayedAt), lte(outbox.availableAt, sql`now()`)))
      .orderBy(asc(outbox.id))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (rows.length === 0) return 0;
    await publish(rows);
    await tx
      .update(outbox)
      .set({ relayedAt: sql`now()` })
      .where(
        inArray(
          outbox.id,
          rows.map((r) => r.id),
        ),
      );
    return rows.length;
  });
}

export async function countPendingOutbox(db: Database): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(outbox)
    .where(isNull(outbox.relayedAt));
  return row?.n ?? 0;
}

/** Retention: deletes relayed rows older than `before`; returns how many. */
export async function purgeRelayedOutbox(db: Database, before: Date): Promise<number> {
  const deleted = await db
    .delete(outbox)
    .where(and(isNotNull(outbox.relayedAt), lt(outbox.relayedAt, before)))
    .returning({ id: outbox.id });
  return deleted.length;
}
