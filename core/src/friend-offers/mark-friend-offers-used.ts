// An order paid with a friend's code: its live offer is used. A withdrawn offer stays withdrawn
// here (it credits nobody); its deactivate job records 'used' if the platform says so.
import { normalizeCode } from '../advocates/index.js';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { markLiveOffersUsed } from './repository.js';

export type MarkFriendOffersUsedInput = { merchantId: string; discountCodes: string[] };

/** Returns the ids of the offers that became used. */
export async function markFriendOffersUsed(
  db: Database,
  input: MarkFriendOffersUsedInput,
): Promise<string[]> {
  const codes = input.discountCodes.map(normalizeCode).filter((c) => c.length > 0);
  if (codes.length === 0) return [];
  return markLiveOffersUsed(forMerchant(db, input.merchantId), codes);
}
