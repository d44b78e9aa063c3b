// The transactional outbox.
import { sql } from 'drizzle-orm';
import { bigserial, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, merchantId, ts } from './columns.js';

/** Written in the same transaction as the change it announces; the worker relays it to a queue. */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    merchantId: merchantId(),
    topic: text('topic').notNull(),
    aggregateId: text('aggregate_id').notNull(),
    payload: jsonb('payload').notNull(),
    availableAt: ts('available_at').notNull().defaultNow(),
    createdAt: createdAt(),
    relayedAt: ts('relayed_at'),
  },
  (t) => [index('outbox_pending_idx').on(t.id).where(sql`relayed_at IS NULL`)],
);
