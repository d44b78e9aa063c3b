// The safety net behind the flush jobs: merchants with contacts due and a sync that may run (after
// a reconnect, a lost job, or contacts queued by a backfill outside the worker).
import type { Database } from '../db/client.js';
import type { CrmPlatform } from './properties.js';
import { findMerchantsWithDueContacts } from './repository/queue.js';

export type FindDueCrmMerchantsInput = { platform: CrmPlatform; now: Date; limit?: number };

/** Across all shops, on the plain handle: no merchant is in hand before the sweep finds one. */
export async function findDueCrmMerchants(db: Database, input: FindDueCrmMerchantsInput): Promise<string[]> {
  return findMerchantsWithDueContacts(db, {
    platform: input.platform,
    now: input.now,
    limit: input.limit ?? 1000,
  });
}
