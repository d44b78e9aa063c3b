// Friend offers as other capabilities (attribution) and the tests look them up, by merchant id.
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { type FriendOffer, findOfferById, findStandingOffersWithCodes } from './repository.js';

export async function findFriendOffer(
  db: Database,
  merchantId: string,
  offerId: string,
): Promise<FriendOffer> {
  return findOfferById(forMerchant(db, merchantId), offerId);
}

/** Offers whose code is among `codes` (normalised) and still stands: a deactivated one credits nobody. */
export async function findLiveOffersByCodes(
  db: Database,
  merchantId: string,
  codes: string[],
): Promise<FriendOffer[]> {
  return findStandingOffersWithCodes(forMerchant(db, merchantId), codes);
}
