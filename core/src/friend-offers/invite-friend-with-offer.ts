// An advocate invites a friend by email: the invitation (an attribution touch) and, when the
// program gives friends a discount before purchase, that friend's single-use code, together.
import { type InviteFriendInput, inviteFriend } from '../advocates/index.js';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { loadFriendDiscountTerms } from './friend-discount-terms.js';
import type { FriendCodeKey } from './friend-offer-code.js';
import { offerFriendDiscount } from './offer-friend-discount.js';
import type { FriendOffer } from './repository.js';

export type InviteFriendWithOfferInput = InviteFriendInput;

export type InvitationWithOffer = {
  /** False when this advocate had already invited this address. */
  invited: boolean;
  /** The friend's offer (perhaps an earlier one), or null when the program offers no discount. */
  offer: FriendOffer | null;
  offerCreated: boolean;
};

export async function inviteFriendWithOffer(
  db: Database,
  codeKey: FriendCodeKey,
  input: InviteFriendWithOfferInput,
): Promise<InvitationWithOffer> {
  return forMerchant(db, input.merchantId).transaction(async ({ db: tx }) => {
    const invited = await inviteFriend(tx, input);
    const terms = await loadFriendDiscountTerms(tx, input.merchantId, input.advocateId, input.at);
    if (!terms.discount) return { invited, offer: null, offerCreated: false };
    // Refuses (and so rolls back the invitation) when the advocate invites their own address.
    const claim = await offerFriendDiscount(tx, codeKey, {
      merchantId: input.merchantId,
      advocateId: input.advocateId,
      codeId: null,
      email: input.email,
      at: input.at,
    });
    return { invited, offer: claim.offer, offerCreated: claim.created };
  });
}
