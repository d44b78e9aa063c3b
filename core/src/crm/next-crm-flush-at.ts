// When a merchant's CRM sync next has something to do, for the worker to schedule its next flush.
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import type { CrmPlatform } from './properties.js';
import { findEarliestDueAt } from './repository/queue.js';
import { readSyncState } from './repository/sync-state.js';

export type NextCrmFlushAtInput = { merchantId: string; platform: CrmPlatform };

/**
 * The earliest time a queued contact is due (possibly in the past), the end of a daily-limit
 * parking, or null: nothing queued, or parked until the merchant reconnects.
 */
export async function nextCrmFlushAt(
  db: Database,
  { merchantId, platform }: NextCrmFlushAtInput,
): Promise<Date | null> {
  return forMerchant(db, merchantId).transaction(async (m) => {
    const state = await readSyncState(m, platform);
    if (state?.parkedReason === 'reconnect_needed') return null;
    const due = await findEarliestDueAt(m, platform);
    if (!due) return null;
    if (state?.parkedReason === 'daily_limit' && state.parkedUntil && state.parkedUntil > due)
      return state.parkedUntil;
    return due;
  });
}
