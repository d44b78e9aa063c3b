import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { countInboundEventRows } from './repository.js';

/** The merchant's inbox: rows stored, and distinct external (delivery) ids among them. */
export async function countInboundEvents(
  db: Database,
  merchantId: string,
): Promise<{ total: number; distinctExternalIds: number }> {
  return forMerchant(db, merchantId).transaction((m) => countInboundEventRows(m));
}
