// The platform made the offer's code: keep its id. A pending offer becomes created; one that was
// deactivated meanwhile stays deactivated, and the caller switches the fresh code off again.
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { DomainError } from '../errors.js';
import { type FriendOffer, recordOfferPlatformRef } from './repository.js';

export type MarkFriendOfferCreatedInput = { merchantId: string; offerId: string; platformRef: string };

export async function markFriendOfferCreated(
  db: Database,
  input: MarkFriendOfferCreatedInput,
): Promise<FriendOffer> {
  const m = forMerchant(db, input.merchantId);
  const row = await recordOfferPlatformRef(m, input.offerId, input.platformRef);
  if (!row) throw new DomainError('NOT_FOUND', `Friend offer ${input.offerId} not found.`);
  return row;
}
