// When a merchant's CRM sync next has something to do, for the worker to schedule its next flush.
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { crmSyncQueue } from '../db/schema/index.js';
import type { CrmPlatform } from './properties.js';
import { readSyncState } from './sync-state.js';

export type NextCrmFlushAtInput = { merchantId: string; platform: CrmPlatform };

/**
 * The earliest time a queued contact is due (possibly in the past), the end of a daily-limit
 * parking, or null: nothing queued, or parked until the merchant reconnects.
 */
export async function nextCrmFlushAt(
  db: Database,
  { merchantId, platform }: NextCrmFlushAtInput,
): Promise<Date | null> {
  const state = await readSyncState(db, { merchantId, platform });
  if (state?.parkedReason === 'reconnect_needed') return null;
  const [row] = await db
    .select({ at: sql<Date | null>`min(${crmSyncQueue.nextAttemptAt})`.mapWith(crmSyncQueue.nextAttemptAt) })
    .from(crmSyncQueue)
    .where(and(eq(crmSyncQueue.merchantId, merchantId), eq(crmSyncQueue.platform, platform)));
  const due = row?.at ?? null;
  if (!due) return null;
  if (state?.parkedReason === 'daily_limit' && state.parkedUntil && state.parkedUntil > due)
    return state.parkedUntil;
  return due;
}
