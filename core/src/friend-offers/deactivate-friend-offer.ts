// Withdrawn offer -> platform (rewards queue, on friend_offer.deactivate): switch the code off.
// A code the friend used in the meantime can't be taken back; the offer then says so.
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import type { FriendOfferIssuer } from '../ports.js';
import { findOfferById, markWithdrawnOfferUsed, toFriendOfferDiscount } from './repository.js';

export type DeactivateFriendOfferResult = 'deactivated' | 'used' | 'not_withdrawn';

export async function deactivateFriendOffer(
  db: Database,
  issuer: FriendOfferIssuer,
  input: { merchantId: string; offerId: string },
): Promise<DeactivateFriendOfferResult> {
  const m = forMerchant(db, input.merchantId);
  // One short confined transaction on each side of the platform call: none is held open across it.
  const offer = await m.transaction((scope) => findOfferById(scope, input.offerId));
  if (offer.status !== 'deactivated') return 'not_withdrawn';
  const { used } = await issuer.deactivate(toFriendOfferDiscount(offer));
  if (!used) return 'deactivated';
  await m.transaction((scope) => markWithdrawnOfferUsed(scope, input.offerId));
  return 'used';
}
