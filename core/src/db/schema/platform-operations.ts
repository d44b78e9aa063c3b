// Platform calls without an idempotency key, journalled before the call.
import { integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, merchantId, ts } from './columns.js';

/**
 * A call to a platform that has no idempotency of its own (e.g. Shopify's store credit): the row
 * is written before the call, so a retry after a crash knows the call may have happened and
 * looks on the platform before calling again. Unique per (merchant, platform, key).
 */
export const platformOperations = pgTable(
  'platform_operations',
  {
    id: id(),
    merchantId: merchantId(),
    platform: text('platform', { enum: ['shopify', 'hubspot'] }).notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    operation: text('operation').notNull(),
    status: text('status', { enum: ['started', 'succeeded'] })
      .notNull()
      .default('started'),
    attempts: integer('attempts').notNull().default(1),
    /** The platform's id of what the call created (e.g. a store credit transaction gid). */
    platformRef: text('platform_ref'),
    /** What the call achieved, for a retry that finds it done (e.g. the amount recovered). */
    result: jsonb('result'),
    startedAt: ts('started_at').notNull().defaultNow(),
    completedAt: ts('completed_at'),
  },
  (t) => [
    uniqueIndex('platform_operations_key_uq').on(t.merchantId, t.platform, t.idempotencyKey),
    uniqueIndex('platform_operations_ref_uq').on(t.merchantId, t.platform, t.platformRef),
  ],
);
