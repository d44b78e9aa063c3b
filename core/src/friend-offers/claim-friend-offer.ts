// A friend arrives through an advocate's referral code (link or storefront page) and claims
// their welcome discount. Asking again returns the same offer and the same code. A first-order
// offer (the programme's newCustomersOnly) is refused to an address the engine has orders from.
import { findActiveCode } from '../advocates/index.js';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { DomainError } from '../errors.js';
import { normalizeEmail } from '../identity/index.js';
import { loadFriendDiscountTerms } from './friend-discount-terms.js';
import type { FriendCodeKey } from './friend-offer-code.js';
import { type FriendOfferClaim, offerFriendDiscount } from './offer-friend-discount.js';
import { hasOrderedBefore } from './repository.js';

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
  return forMerchant(db, input.merchantId).transaction(async (m) => {
    const tx = m.db;
    // A disabled or rotated code hands out nothing, as it credits nobody.
    const code = await findActiveCode(tx, input.merchantId, input.referralCode);
    if (!code)
      throw new DomainError('INVALID_CODE', `The referral code ${input.referralCode} is not active.`);
    const email = input.email ? normalizeEmail(input.email) : null;
    if (email) {
      const terms = await loadFriendDiscountTerms(tx, input.merchantId, code.advocateId, input.at);
      // The order would not qualify either (qualify-referral's newCustomersOnly): no code for it.
      if (terms.version.rules.eligibility.newCustomersOnly && (await hasOrderedBefore(m, email))) {
        throw new DomainError(
          'VALIDATION',
          'This address has ordered before: the offer is for first orders.',
          {
            publicMessage: 'This welcome offer is for first orders only.',
            details: { reason: 'not_new_customer', advocateId: code.advocateId },
          },
        );
      }
    }
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
