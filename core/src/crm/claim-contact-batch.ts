// Claims the next contacts to write for one merchant: due, not parked, live changes before backfill.
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { crmSyncQueue } from '../db/schema/index.js';
import type { CrmPlatform } from './properties.js';
import { liftDueParking } from './sync-state.js';

export type ClaimContactBatchInput = {
  merchantId: string;
  platform: CrmPlatform;
  /** At most this many contacts (a CRM batch upsert takes 100). */
  limit?: number;
  now: Date;
  /** Claimed rows are not claimed again before now + lease, unless the claim is settled first. */
  leaseMs?: number;
};

export type ClaimedContact = {
  customerId: string;
  /** The row's revision when claimed: a later change leaves the row queued after the write. */
  revision: number;
  attempts: number;
};

export const CRM_BATCH_LIMIT = 100;
const DEFAULT_LEASE_MS = 120_000;

/**
 * Claims up to `limit` due contacts (SKIP LOCKED, then leased by moving next_attempt_at, so two
 * flushes of one merchant never write the same contacts at once). Empty while the sync is parked.
 */
export async function claimContactBatch(
  db: Database,
  input: ClaimContactBatchInput,
): Promise<ClaimedContact[]> {
  const { merchantId, platform, now } = input;
  if (!(await liftDueParking(db, { merchantId, platform }, now))) return [];
  const mine = and(eq(crmSyncQueue.merchantId, merchantId), eq(crmSyncQueue.platform, platform));
  // Two statements, not `UPDATE … WHERE id IN (SELECT … SKIP LOCKED LIMIT n)`: PostgreSQL may
  // rescan such a subquery, and each rescan skips the rows just updated and locks n others.
  return forMerchant(db, merchantId).transaction(async ({ db: tx }) => {
    const due = await tx
      .select({ customerId: crmSyncQueue.customerId })
      .from(crmSyncQueue)
      .where(and(mine, lte(crmSyncQueue.nextAttemptAt, now)))
      .orderBy(asc(crmSyncQueue.backfill), asc(crmSyncQueue.nextAttemptAt))
      .limit(input.limit ?? CRM_BATCH_LIMIT)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(crmSyncQueue)
      .set({ nextAttemptAt: new Date(now.getTime() + (input.leaseMs ?? DEFAULT_LEASE_MS)) })
      .where(
        and(
          mine,
          inArray(
            crmSyncQueue.customerId,
            due.map((row) => row.customerId),
          ),
        ),
      )
      .returning({
        customerId: crmSyncQueue.customerId,
        revision: crmSyncQueue.revision,
        attempts: crmSyncQueue.attempts,
      });
  });
}
