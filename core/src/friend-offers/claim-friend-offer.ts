// A friend arrives through an advocate's referral code (link or storefront page) and claims
// their welcome discount. Asking again returns the same offer and the same code.
import { findActiveCode } from '../advocates/index.js';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { DomainError } from '../errors.js';
import type { FriendCodeKey } from './friend-offer-code.js';
import { type FriendOfferClaim, offerFriendDiscount } from './offer-friend-discount.js';

export type ClaimFriendOfferInput = {
  merchantId: string;
  referralCode: string;
  email?: string | null | undefined;
  visitorId?: string | null | undefined;
  at: Date;
};

export async function claimFriendOffer(
  db: Database,
  codeKey: FriendCodeKey,
  input: ClaimFriendOfferInput,
): Promise<FriendOfferClaim> {
  return forMerchant(db, input.merchantId).transaction(async ({ db: tx }) => {
    // A disabled or rotated code hands out nothing, as it credits nobody.
    const code = await findActiveCode(tx, input.merchantId, input.referralCode);
    if (!code)
      throw new DomainError('INVALID_CODE', `The referral code ${input.referralCode} is not active.`);
    return offerFriendDiscount(tx, codeKey, {
      merchantId: input.merchantId,
      advocateId: code.advocateId,
      codeId: code.id,
      email: input.email,
      visitorId: input.visitorId,
      at: input.at,
    });
  });
}
