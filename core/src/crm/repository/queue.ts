// Queries on the CRM sync queue: one row per (merchant, CRM, customer), coalescing changes.
import { and, asc, eq, gt, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { type MerchantScope, sameMerchant } from '../../db/merchant-scope.js';
import { crmSyncQueue, crmSyncState } from '../../db/schema/index.js';
import type { CrmPlatform } from '../properties.js';

export type QueuedContactsValues = {
  platform: CrmPlatform;
  customerIds: Iterable<string>;
  at: Date;
  /** A backfill only adds contacts that are not queued yet; a live change bumps their revision. */
  backfill?: boolean;
};

/** A claimed contact and the revision its claim read. */
export type QueuedContactRevision = { customerId: string; revision: number };

const onPlatform = (m: MerchantScope, platform: CrmPlatform, ...conditions: (SQL | undefined)[]) =>
  m.where(crmSyncQueue, eq(crmSyncQueue.platform, platform), ...conditions);

/** Queues each customer once; returns how many rows were inserted or bumped. */
export async function upsertQueuedContacts(m: MerchantScope, values: QueuedContactsValues): Promise<number> {
  // Sorted, so two writers upserting overlapping sets lock rows in the same order (no deadlock).
  const ids = [...new Set(values.customerIds)].sort();
  if (ids.length === 0) return 0;
  const rows = ids.map((customerId) => ({
    merchantId: m.merchantId,
    platform: values.platform,
    customerId,
    changedAt: values.at,
    backfill: values.backfill ?? false,
    nextAttemptAt: values.at,
  }));
  const insert = m.db.insert(crmSyncQueue).values(rows);
  const done = values.backfill
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

/** Up to `limit` due contacts, live changes first, locked (SKIP LOCKED) until the transaction ends. */
export function lockDueContacts(m: MerchantScope, platform: CrmPlatform, now: Date, limit: number) {
  return m.db
    .select({ customerId: crmSyncQueue.customerId })
    .from(crmSyncQueue)
    .where(onPlatform(m, platform, lte(crmSyncQueue.nextAttemptAt, now)))
    .orderBy(asc(crmSyncQueue.backfill), asc(crmSyncQueue.nextAttemptAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** Leases the contacts until `until`; returns what the claim needs of each. */
export function leaseContacts(m: MerchantScope, platform: CrmPlatform, customerIds: string[], until: Date) {
  return m.db
    .update(crmSyncQueue)
    .set({ nextAttemptAt: until })
    .where(onPlatform(m, platform, inArray(crmSyncQueue.customerId, customerIds)))
    .returning({
      customerId: crmSyncQueue.customerId,
      revision: crmSyncQueue.revision,
      attempts: crmSyncQueue.attempts,
    });
}

/** Deletes the rows still at their claimed revision; returns the ids deleted. */
export async function deleteUnchangedContacts(
  m: MerchantScope,
  platform: CrmPlatform,
  rows: QueuedContactRevision[],
): Promise<string[]> {
  // Two array parameters, not a 100-way OR (that cost more to build and to plan than to run);
  // `= any` lets the primary key find the rows, the pairs then check their revisions.
  const ids = sql.param(rows.map((r) => r.customerId));
  const revisions = sql.param(rows.map((r) => r.revision));
  const gone = await m.db
    .delete(crmSyncQueue)
    .where(
      onPlatform(
        m,
        platform,
        sql`${crmSyncQueue.customerId} = any(${ids}::uuid[])`,
        sql`(${crmSyncQueue.customerId}, ${crmSyncQueue.revision}) in (select * from unnest(${ids}::uuid[], ${revisions}::int[]))`,
      ),
    )
    .returning({ id: crmSyncQueue.customerId });
  return gone.map((g) => g.id);
}

/** Makes the contacts due at `at` with a clean slate (no attempts, no error). */
export async function resetContacts(
  m: MerchantScope,
  platform: CrmPlatform,
  customerIds: string[],
  at: Date,
) {
  await m.db
    .update(crmSyncQueue)
    .set({ nextAttemptAt: at, attempts: 0, lastError: null })
    .where(onPlatform(m, platform, inArray(crmSyncQueue.customerId, customerIds)));
}

/** Not due before `until`, with `error` recorded; `countAttempt` adds one to the attempts. */
export async function postponeContacts(
  m: MerchantScope,
  platform: CrmPlatform,
  customerIds: string[],
  { until, error, countAttempt }: { until: Date; error: string; countAttempt: boolean },
) {
  await m.db
    .update(crmSyncQueue)
    .set({
      nextAttemptAt: until,
      attempts: countAttempt ? sql`${crmSyncQueue.attempts} + 1` : crmSyncQueue.attempts,
      lastError: error,
    })
    .where(onPlatform(m, platform, inArray(crmSyncQueue.customerId, customerIds)));
}

/** Every contact waiting beyond `now` (a backoff, a lease, a parking) becomes due at `now`. */
export async function makeWaitingContactsDue(m: MerchantScope, platform: CrmPlatform, now: Date) {
  await m.db
    .update(crmSyncQueue)
    .set({ nextAttemptAt: now })
    .where(onPlatform(m, platform, gt(crmSyncQueue.nextAttemptAt, now)));
}

export function countQueuedContacts(m: MerchantScope, platform: CrmPlatform): Promise<number> {
  return m.db.$count(crmSyncQueue, onPlatform(m, platform));
}

/** The backlog: contacts waiting, those backing off after a failure, and the oldest change. */
export async function summariseQueue(m: MerchantScope, platform: CrmPlatform) {
  const [row] = await m.db
    .select({
      pending: sql<number>`count(*)`.mapWith(Number),
      retrying: sql<number>`count(*) filter (where ${crmSyncQueue.attempts} > 0)`.mapWith(Number),
      oldestPendingAt: sql<Date | null>`min(${crmSyncQueue.changedAt})`.mapWith(crmSyncQueue.changedAt),
    })
    .from(crmSyncQueue)
    .where(onPlatform(m, platform));
  return row;
}

/** When the earliest queued contact is due (possibly in the past); null when none is queued. */
export async function findEarliestDueAt(m: MerchantScope, platform: CrmPlatform): Promise<Date | null> {
  const [row] = await m.db
    .select({ at: sql<Date | null>`min(${crmSyncQueue.nextAttemptAt})`.mapWith(crmSyncQueue.nextAttemptAt) })
    .from(crmSyncQueue)
    .where(onPlatform(m, platform));
  return row?.at ?? null;
}

/** Merchants with contacts due and a sync that is not parked, or whose daily-limit parking is over. */
export async function findMerchantsWithDueContacts(
  db: Database,
  { platform, now, limit }: { platform: CrmPlatform; now: Date; limit: number },
): Promise<string[]> {
  // Cross-merchant by design: the sweep finds the shops with work due before any merchant is in hand.
  const rows = await db
    .selectDistinct({ merchantId: crmSyncQueue.merchantId })
    .from(crmSyncQueue)
    .leftJoin(
      crmSyncState,
      and(
        sameMerchant(crmSyncState.merchantId, crmSyncQueue.merchantId),
        eq(crmSyncState.platform, platform),
      ),
    )
    .where(
      and(
        eq(crmSyncQueue.platform, platform),
        lte(crmSyncQueue.nextAttemptAt, now),
        or(
          isNull(crmSyncState.parkedReason),
          and(eq(crmSyncState.parkedReason, 'daily_limit'), lte(crmSyncState.parkedUntil, now)),
        ),
      ),
    )
    .limit(limit);
  return rows.map((row) => row.merchantId);
}
