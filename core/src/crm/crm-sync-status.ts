// What the admin shows about a merchant's CRM sync: the backlog, why it is parked, the backfill.
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { crmSyncQueue } from '../db/schema/index.js';
import type { CrmPlatform } from './properties.js';
import { type CrmParkedReason, readSyncState } from './sync-state.js';

export type CrmSyncStatus = {
  /** Contacts waiting to be written. */
  pending: number;
  /** Of those, contacts whose last write failed and that are backing off. */
  retrying: number;
  /** The latest change of the longest-waiting contact. */
  oldestPendingAt: Date | null;
  parkedReason: CrmParkedReason | null;
  parkedAt: Date | null;
  /** When a daily-limit parking lifts by itself; null for a reconnect, which waits for the merchant. */
  parkedUntil: Date | null;
  backfill: { cursor: string | null; startedAt: Date | null; doneAt: Date | null };
};

export async function crmSyncStatus(
  db: Database,
  merchantId: string,
  platform: CrmPlatform,
): Promise<CrmSyncStatus> {
  const [queue] = await db
    .select({
      pending: sql<number>`count(*)`.mapWith(Number),
      retrying: sql<number>`count(*) filter (where ${crmSyncQueue.attempts} > 0)`.mapWith(Number),
      oldestPendingAt: sql<Date | null>`min(${crmSyncQueue.changedAt})`.mapWith(crmSyncQueue.changedAt),
    })
    .from(crmSyncQueue)
    .where(and(eq(crmSyncQueue.merchantId, merchantId), eq(crmSyncQueue.platform, platform)));
  const state = await readSyncState(db, { merchantId, platform });
  return {
    pending: queue?.pending ?? 0,
    retrying: queue?.retrying ?? 0,
    oldestPendingAt: queue?.oldestPendingAt ?? null,
    parkedReason: state?.parkedReason ?? null,
    parkedAt: state?.parkedAt ?? null,
    parkedUntil: state?.parkedUntil ?? null,
    backfill: {
      cursor: state?.backfillCursor ?? null,
      startedAt: state?.backfillStartedAt ?? null,
      doneAt: state?.backfillDoneAt ?? null,
    },
  };
}
