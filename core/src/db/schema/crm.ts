// The CRM sync queue and per-merchant sync state.
import { boolean, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { merchantId, ts } from './columns.js';
import { customers } from './customers.js';

/**
 * Contacts whose CRM facts changed and are not written yet: one row per (merchant, CRM, customer),
 * so any number of changes to one contact coalesce into one write. `revision` grows with every
 * change; a write only removes the row if the revision it read is still current.
 */
export const crmSyncQueue = pgTable(
  'crm_sync_queue',
  {
    merchantId: merchantId(),
    platform: text('platform', { enum: ['hubspot'] }).notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    /** The latest change to this contact's facts. */
    changedAt: ts('changed_at').notNull(),
    revision: integer('revision').notNull().default(1),
    /** Queued by a backfill and not changed since: live changes are written first. */
    backfill: boolean('backfill').notNull().default(false),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** Not claimed before this time: retry backoff, rate limits, or a claim's lease. */
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.merchantId, t.platform, t.customerId] }),
    index('crm_sync_queue_claim_idx').on(t.merchantId, t.platform, t.backfill, t.nextAttemptAt),
    index('crm_sync_queue_due_idx').on(t.platform, t.nextAttemptAt, t.merchantId),
  ],
);

/** Per merchant and CRM: why its sync is parked (shown in the admin) and where a backfill stands. */
export const crmSyncState = pgTable(
  'crm_sync_state',
  {
    merchantId: merchantId(),
    platform: text('platform', { enum: ['hubspot'] }).notNull(),
    parkedReason: text('parked_reason', { enum: ['daily_limit', 'reconnect_needed'] }),
    parkedAt: ts('parked_at'),
    /** A daily limit lifts by itself at this time; a reconnect waits for unparkCrmSync. */
    parkedUntil: ts('parked_until'),
    /** The last customer id a running backfill queued (customers are walked in id order). */
    backfillCursor: uuid('backfill_cursor'),
    backfillStartedAt: ts('backfill_started_at'),
    backfillDoneAt: ts('backfill_done_at'),
    /** The last time a flush wrote a batch of contacts to the CRM. */
    lastSuccessAt: ts('last_success_at'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.merchantId, t.platform] })],
);
