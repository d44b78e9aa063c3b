import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { countMerchantClicks } from './repository.js';

/** How many clicks the merchant's links have recorded. */
export async function countClicks(db: Database, merchantId: string): Promise<number> {
  return forMerchant(db, merchantId).transaction(countMerchantClicks);
}
