// Gives one friend of an advocate their unique single-use discount: a pending offer row plus an
// outbox row (friend_offer.created) in the same transaction; the worker creates the code on the
// platform. One offer per friend email, or per (advocate, visitor) for an anonymous arrival.
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { DomainError } from '../errors.js';
import { normalizeEmail } from '../identity/index.js';
import { writeOutbox } from '../outbox/index.js';
import { loadFriendDiscountTerms } from './friend-discount-terms.js';
import { type FriendCodeKey, friendOfferCode, friendOfferKey } from './friend-offer-code.js';
import { type FriendOffer, findOfferOfFriend, insertPendingOffer } from './repository.js';

export type OfferFriendDiscountInput = {
  merchantId: string;
  advocateId: string;
  /** The referral code the friend came through; null for an email invitation. */
  codeId: string | null;
  email?: string | null | undefined;
  visitorId?: string | null | undefined;
  at: Date;
};

/** `created` is false when this friend already had an offer (it is returned unchanged). */
export type FriendOfferClaim = { offer: FriendOffer; created: boolean };

/** `codeKey` keys the friend's code (see `deriveFriendCodeKey`): the composition root holds it. */
export async function offerFriendDiscount(
  db: Database,
  codeKey: FriendCodeKey,
  input: OfferFriendDiscountInput,
): Promise<FriendOfferClaim> {
  const emailNormalized = input.email ? normalizeEmail(input.email) : null;
  if (input.email && !emailNormalized) {
    throw new DomainError('VALIDATION', `"${input.email}" is not an email address.`, {
      publicMessage: 'That is not an email address.',
    });
  }
  const visitorId = input.visitorId?.trim() || null;
  if (!emailNormalized && !visitorId) {
    throw new DomainError('VALIDATION', 'A friend offer needs an email address or a visitor id.');
  }
  return forMerchant(db, input.merchantId).transaction(async (m) => {
    const terms = await loadFriendDiscountTerms(m.db, m.merchantId, input.advocateId, input.at);
    if (emailNormalized && emailNormalized === terms.advocateEmailNormalized) {
      throw new DomainError('VALIDATION', 'An advocate cannot claim their own friend offer.', {
        publicMessage: 'You cannot claim your own friend offer.',
      });
    }
    if (!terms.discount) {
      throw new DomainError(
        'VALIDATION',
        `Program version ${terms.version.version} gives friends no discount before purchase, so there is no offer to claim.`,
      );
    }
    const friend = emailNormalized
      ? { emailNormalized }
      : { advocateId: input.advocateId, visitorId: visitorId! };
    const key = friendOfferKey(friend);
    const minimum = terms.version.rules.eligibility.minimumOrderMinor;
    const inserted = await insertPendingOffer(m, {
      advocateId: input.advocateId,
      codeId: input.codeId,
      programVersionId: terms.version.id,
      friendEmailNormalized: emailNormalized,
      visitorId,
      discountCode: friendOfferCode(codeKey, input.merchantId, key),
      kind: terms.discount.kind,
      bps: terms.discount.kind === 'percent_discount' ? terms.discount.bps : null,
      amountMinor: terms.discount.kind === 'fixed_discount' ? terms.discount.amountMinor : null,
      currency: terms.currency,
      // The referral only qualifies from this subtotal on: the discount asks for the same.
      minimumSubtotalMinor: minimum > 0 ? minimum : null,
    });
    if (inserted) {
      await writeOutbox(m.db, {
        merchantId: input.merchantId,
        topic: 'friend_offer.created',
        aggregateId: inserted.id,
        payload: { offerId: inserted.id },
      });
      return { offer: inserted, created: true };
    }
    const existing = await findOfferOfFriend(m, friend);
    // Only a clash on the derived code itself (about 1 in 2^49 per pair) leaves nothing to return.
    if (!existing) throw new DomainError('CONFLICT', 'The derived friend code is taken; try another key.');
    return { offer: existing, created: false };
  });
}
