// The CRM's latest refusal of a queued contact (what the admin shows as the sync's last error).
import { desc, eq, isNotNull } from 'drizzle-orm';
import type { MerchantScope } from '../../db/merchant-scope.js';
import { crmSyncQueue } from '../../db/schema/index.js';
import type { CrmPlatform } from '../properties.js';

/** The error of the queued contact that failed most recently (its retry is the latest due). */
export async function findLatestQueueError(m: MerchantScope, platform: CrmPlatform) {
  const [row] = await m.db
    .select({
      error: crmSyncQueue.lastError,
      changedAt: crmSyncQueue.changedAt,
      retryAt: crmSyncQueue.nextAttemptAt,
    })
    .from(crmSyncQueue)
    .where(m.where(crmSyncQueue, eq(crmSyncQueue.platform, platform), isNotNull(crmSyncQueue.lastError)))
    .orderBy(desc(crmSyncQueue.nextAttemptAt))
    .limit(1);
  return row ?? null;
}
