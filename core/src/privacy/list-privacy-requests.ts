// The compliance requests the platform sent for one merchant and what was done, newest first.
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { findRecentPrivacyRequests, type PrivacyRequestRow } from './repository/requests.js';

export type { PrivacyRequestRow };

export async function listPrivacyRequests(
  db: Database,
  merchantId: string,
  limit: number,
): Promise<PrivacyRequestRow[]> {
  // An entry point of the admin: run confined to the merchant, so row-level security backs the filter.
  return forMerchant(db, merchantId).transaction((m) => findRecentPrivacyRequests(m, limit));
}
