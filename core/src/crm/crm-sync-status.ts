// What the admin shows about a merchant's CRM sync: the backlog, why it is parked, the backfill.
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import type { CrmPlatform } from './properties.js';
import { summariseQueue } from './repository/queue.js';
import { type CrmParkedReason, readSyncState } from './repository/sync-state.js';

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
  /** When a flush last wrote contacts to the CRM; null before the first. */
  lastSuccessAt: Date | null;
};

export async function crmSyncStatus(
  db: Database,
  merchantId: string,
  platform: CrmPlatform,
): Promise<CrmSyncStatus> {
  return forMerchant(db, merchantId).transaction(async (m) => {
    const queue = await summariseQueue(m, platform);
    const state = await readSyncState(m, platform);
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
      lastSuccessAt: state?.lastSuccessAt ?? null,
    };
  });
}
