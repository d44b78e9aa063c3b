// Claims the next contacts to write for one merchant: due, not parked, live changes before backfill.
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import type { CrmPlatform } from './properties.js';
import { leaseContacts, lockDueContacts } from './repository/queue.js';
import { isSyncParked, liftDueParking } from './repository/sync-state.js';

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
  return forMerchant(db, merchantId).transaction(async (m) => {
    await liftDueParking(m, platform, now);
    if (await isSyncParked(m, platform)) return [];
    // Two statements, not `UPDATE … WHERE id IN (SELECT … SKIP LOCKED LIMIT n)`: PostgreSQL may
    // rescan such a subquery, and each rescan skips the rows just updated and locks n others.
    const due = await lockDueContacts(m, platform, now, input.limit ?? CRM_BATCH_LIMIT);
    if (due.length === 0) return [];
    const until = new Date(now.getTime() + (input.leaseMs ?? DEFAULT_LEASE_MS));
    return leaseContacts(
      m,
      platform,
      due.map((row) => row.customerId),
      until,
    );
  });
}
