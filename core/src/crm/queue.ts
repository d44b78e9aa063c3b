// The CRM sync queue's writes shared by the use cases: one row per contact, coalescing changes.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client.js';
import { crmSyncQueue } from '../db/schema/index.js';
import type { CrmPlatform } from './properties.js';

export type QueueContactsInput = {
  merchantId: string;
  platform: CrmPlatform;
  customerIds: Iterable<string>;
  at: Date;
  /** A backfill only adds contacts that are not queued yet; a live change bumps their revision. */
  backfill?: boolean;
};

const uuid = z.guid();
export const isUuid = (value: string): boolean => uuid.safeParse(value).success;

/** Queues each customer once; returns how many rows were inserted or bumped. */
export async function queueContacts(db: Database, input: QueueContactsInput): Promise<number> {
  // Sorted, so two writers upserting overlapping sets lock rows in the same order (no deadlock).
  const ids = [...new Set(input.customerIds)].sort();
  if (ids.length === 0) return 0;
  const rows = ids.map((customerId) => ({
    merchantId: input.merchantId,
    platform: input.platform,
    customerId,
    changedAt: input.at,
    backfill: input.backfill ?? false,
    nextAttemptAt: input.at,
  }));
  const insert = db.insert(crmSyncQueue).values(rows);
  const done = input.backfill
    ? await insert.onConflictDoNothing().returning({ id: crmSyncQueue.customerId })
    : await insert
        .onConflictDoUpdate({
          target: [crmSyncQueue.merchantId, crmSyncQueue.platform, crmSyncQueue.customerId],
          set: {
            changedAt: sql`greatest(${crmSyncQueue.changedAt}, excluded.changed_at)`,
            // A write that read an older revision leaves the row for the next flush.
            revision: sql`${crmSyncQueue.revision} + 1`,
            backfill: false,
          },
        })
        .returning({ id: crmSyncQueue.customerId });
  return done.length;
}
