import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { findLatestVersion } from './repository.js';

/**
 * How many versions a programme has (versions are numbered 1, 2, … without gaps, so the latest
 * number is the count). The sandbox seed reads it as its "already seeded" marker.
 */
export async function countProgramVersions(
  db: Database,
  merchantId: string,
  programId: string,
): Promise<number> {
  return forMerchant(db, merchantId).transaction(
    async (m) => (await findLatestVersion(m, programId))?.version ?? 0,
  );
}
