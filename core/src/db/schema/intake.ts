// The webhook inbox: platform events stored once.
import { integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, merchantId, ts } from './columns.js';

/** The webhook inbox: unique on the platform's event id, so a redelivery is stored once. */
export const inboundEvents = pgTable(
  'inbound_events',
  {
    id: id(),
    merchantId: merchantId(),
    platform: text('platform', { enum: ['shopify', 'hubspot', 'internal'] }).notNull(),
    externalId: text('external_id').notNull(),
    topic: text('topic').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status', { enum: ['received', 'processed', 'failed'] })
      .notNull()
      .default('received'),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    receivedAt: ts('received_at').notNull().defaultNow(),
    processedAt: ts('processed_at'),
  },
  (t) => [uniqueIndex('inbound_events_external_uq').on(t.merchantId, t.platform, t.externalId)],
);
