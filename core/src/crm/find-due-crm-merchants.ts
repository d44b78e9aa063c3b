// The safety net behind the flush jobs: merchants with contacts due and a sync that may run (after
// a reconnect, a lost job, or contacts queued by a backfill outside the worker).
import { and, eq, isNull, lte, or } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { crmSyncQueue, crmSyncState } from '../db/schema/index.js';
import type { CrmPlatform } from './properties.js';

export type FindDueCrmMerchantsInput = { platform: CrmPlatform; now: Date; limit?: number };

export async function findDueCrmMerchants(db: Database, input: FindDueCrmMerchantsInput): Promise<string[]> {
  const rows = await db
    .selectDistinct({ merchantId: crmSyncQueue.merchantId })
    .from(crmSyncQueue)
    .leftJoin(
      crmSyncState,
      and(eq(crmSyncState.merchantId, crmSyncQueue.merchantId), eq(crmSyncState.platform, input.platform)),
    )
    .where(
      and(
        eq(crmSyncQueue.platform, input.platform),
        lte(crmSyncQueue.nextAttemptAt, input.now),
        or(
          isNull(crmSyncState.parkedReason),
          and(eq(crmSyncState.parkedReason, 'daily_limit'), lte(crmSyncState.parkedUntil, input.now)),
        ),
      ),
    )
    .limit(input.limit ?? 1000);
  return rows.map((row) => row.merchantId);
}
