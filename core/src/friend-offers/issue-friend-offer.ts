// Offer -> platform (rewards queue, on friend_offer.created): create the code, then record the
// platform's id. Both halves are idempotent; a retry finds the code the first attempt made.
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import type { FriendOfferIssuer } from '../ports.js';
import { markFriendOfferCreated } from './mark-friend-offer-created.js';
import { findOfferById, toFriendOfferDiscount } from './repository.js';

export type IssueFriendOfferResult = 'created' | 'already_created' | 'deactivated';

export async function issueFriendOffer(
  db: Database,
  issuer: FriendOfferIssuer,
  input: { merchantId: string; offerId: string },
): Promise<IssueFriendOfferResult> {
  const m = forMerchant(db, input.merchantId);
  // One short confined transaction on each side of the platform call: none is held open across it.
  const offer = await m.transaction((scope) => findOfferById(scope, input.offerId));
  // Withdrawn before it was made: its deactivate job has nothing to switch off, so make nothing.
  if (offer.status === 'deactivated') return 'deactivated';
  if (offer.status !== 'pending') return 'already_created';
  const { platformRef } = await issuer.create(toFriendOfferDiscount(offer));
  const marked = await m.transaction(({ db: tx }) => markFriendOfferCreated(tx, { ...input, platformRef }));
  if (marked.status === 'deactivated') {
    // Withdrawn while we were creating it: the deactivate job may have looked before the code existed.
    await issuer.deactivate(toFriendOfferDiscount(marked));
    return 'deactivated';
  }
  return 'created';
}
