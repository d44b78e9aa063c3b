// On reconnecting a CRM: lift the merchant's parking and make every waiting contact due now.
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import type { CrmPlatform } from './properties.js';
import { countQueuedContacts, makeWaitingContactsDue } from './repository/queue.js';
import { type CrmParkedReason, readSyncState, upsertSyncState } from './repository/sync-state.js';

export type UnparkCrmSyncInput = { merchantId: string; platform: CrmPlatform; now?: Date };

/** Returns why the sync was parked (null if it was not) and how many contacts wait to be written. */
export async function unparkCrmSync(
  db: Database,
  { merchantId, platform, now = new Date() }: UnparkCrmSyncInput,
): Promise<{ wasParked: CrmParkedReason | null; pending: number }> {
  return forMerchant(db, merchantId).transaction(async (m) => {
    const state = await readSyncState(m, platform);
    if (state?.parkedReason) {
      await upsertSyncState(m, platform, { parkedReason: null, parkedAt: null, parkedUntil: null });
    }
    // A fresh connection is a reason to try again at once, backoffs included.
    await makeWaitingContactsDue(m, platform, now);
    const pending = await countQueuedContacts(m, platform);
    return { wasParked: state?.parkedReason ?? null, pending };
  });
}
