// Friends' welcome offers on Shopify: the friend's unique code as a basic code discount, open to
// anyone who has it (the friend may have no Shopify account yet) but usable once in all. Usage
// limit, once per customer and combinesWith are DiscountCodes' single-use settings.
import { DomainError, type FriendOfferDiscount, type FriendOfferIssuer } from '@referrals/core';
import type { AdminGraphql } from '../shopify/admin-graphql.js';
import { DiscountCodes, type DiscountSpec } from './discount-codes.js';

function discountValue(offer: FriendOfferDiscount): DiscountSpec['value'] {
  if (offer.kind === 'percent_discount' && offer.bps !== null) return { kind: 'percent', bps: offer.bps };
  if (offer.kind === 'fixed_discount' && offer.amountMinor !== null) {
    return { kind: 'fixed', amountMinor: offer.amountMinor, currency: offer.currency };
  }
  throw new DomainError('VALIDATION', `Friend offer ${offer.offerId} has no ${offer.kind} value.`);
}

/** Creates the friend's code once (look-up-then-create); returns the discount node's gid. */
export function createFriendOfferDiscount(
  discounts: DiscountCodes,
  offer: FriendOfferDiscount,
): Promise<string> {
  return discounts.ensure(offer.merchantId, {
    code: offer.code,
    title: 'Referral welcome offer',
    customer: null,
    value: discountValue(offer),
    minimumSubtotalMinor: offer.minimumSubtotalMinor,
    currency: offer.currency,
  });
}

/** Switches the friend's code off unless it was used (a used code can't be taken back). */
export function deactivateFriendOfferDiscount(
  discounts: DiscountCodes,
  offer: FriendOfferDiscount,
): Promise<{ used: boolean }> {
  return discounts.deactivateIfUnused(offer.merchantId, offer.code);
}

/** The core's FriendOfferIssuer port on Shopify, for the worker's friend-offer jobs. */
export class ShopifyFriendOfferIssuer implements FriendOfferIssuer {
  private readonly discounts: DiscountCodes;

  constructor(graphql: AdminGraphql) {
    this.discounts = new DiscountCodes(graphql);
  }

  async create(offer: FriendOfferDiscount): Promise<{ platformRef: string }> {
    return { platformRef: await createFriendOfferDiscount(this.discounts, offer) };
  }

  deactivate(offer: FriendOfferDiscount): Promise<{ used: boolean }> {
    return deactivateFriendOfferDiscount(this.discounts, offer);
  }
}
