import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { listMerchantCodes, type ReferralCodeRow } from './repository/codes.js';

export type { ReferralCodeRow } from './repository/codes.js';

/** Every referral code of the merchant, of any kind and status. */
export async function listReferralCodes(db: Database, merchantId: string): Promise<ReferralCodeRow[]> {
  return forMerchant(db, merchantId).transaction(listMerchantCodes);
}
