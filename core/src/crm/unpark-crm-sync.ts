// On reconnecting a CRM: lift the merchant's parking and make every waiting contact due now.
import { and, eq, gt } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { crmSyncQueue } from '../db/schema/index.js';
import type { CrmPlatform } from './properties.js';
import { type CrmParkedReason, readSyncState, upsertSyncState } from './sync-state.js';

export type UnparkCrmSyncInput = { merchantId: string; platform: CrmPlatform; now?: Date };

/** Returns why the sync was parked (null if it was not) and how many contacts wait to be written. */
export async function unparkCrmSync(
  db: Database,
  { merchantId, platform, now = new Date() }: UnparkCrmSyncInput,
): Promise<{ wasParked: CrmParkedReason | null; pending: number }> {
  return forMerchant(db, merchantId).transaction(async ({ db: tx }) => {
    const state = await readSyncState(tx, { merchantId, platform });
    if (state?.parkedReason) {
      await upsertSyncState(
        tx,
        { merchantId, platform },
        { parkedReason: null, parkedAt: null, parkedUntil: null },
      );
    }
    // A fresh connection is a reason to try again at once, backoffs included.
    await tx
      .update(crmSyncQueue)
      .set({ nextAttemptAt: now })
      .where(
        and(
          eq(crmSyncQueue.merchantId, merchantId),
          eq(crmSyncQueue.platform, platform),
          gt(crmSyncQueue.nextAttemptAt, now),
        ),
      );
    const pending = await tx.$count(
      crmSyncQueue,
      and(eq(crmSyncQueue.merchantId, merchantId), eq(crmSyncQueue.platform, platform)),
    );
    return { wasParked: state?.parkedReason ?? null, pending };
  });
}
