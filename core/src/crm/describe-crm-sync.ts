// The admin's view of a shop's CRM sync: crmSyncStatus (backlog, parking, backfill, the last
// successful write) and the latest error the CRM answered for a contact still waiting to be written.
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { type CrmSyncStatus, crmSyncStatus } from './crm-sync-status.js';
import type { CrmPlatform } from './properties.js';
import { findLatestQueueError } from './repository/sync-errors.js';

export type CrmSyncDescription = CrmSyncStatus & {
  lastError: { message: string; retryAt: Date } | null;
};

export async function describeCrmSync(
  db: Database,
  merchantId: string,
  platform: CrmPlatform,
): Promise<CrmSyncDescription> {
  const status = await crmSyncStatus(db, merchantId, platform);
  const latest = await forMerchant(db, merchantId).transaction((m) => findLatestQueueError(m, platform));
  return {
    ...status,
    lastError: latest?.error ? { message: latest.error.slice(0, 300), retryAt: latest.retryAt } : null,
  };
}
