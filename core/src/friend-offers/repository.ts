// Queries on friend offers; every one filters on the merchant.
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { friendOffers } from '../db/schema/index.js';
import { byId } from '../db/scoped.js';
import { DomainError } from '../errors.js';
import type { FriendOfferDiscount } from '../ports.js';

export type FriendOffer = typeof friendOffers.$inferSelect;
export type FriendOfferStatus = FriendOffer['status'];

export async function findFriendOffer(
  db: Database,
  merchantId: string,
  offerId: string,
): Promise<FriendOffer> {
  const [row] = await db
    .select()
    .from(friendOffers)
    .where(byId(friendOffers, merchantId, offerId));
  if (!row) throw new DomainError('NOT_FOUND', `Friend offer ${offerId} not found.`);
  return row;
}

/** Offers whose code is among `codes` (normalised) and still stands: a deactivated one credits nobody. */
export async function findLiveOffersByCodes(
  db: Database,
  merchantId: string,
  codes: string[],
): Promise<FriendOffer[]> {
  if (codes.length === 0) return [];
  return db
    .select()
    .from(friendOffers)
    .where(
      and(
        eq(friendOffers.merchantId, merchantId),
        inArray(friendOffers.discountCode, codes),
        ne(friendOffers.status, 'deactivated'),
      ),
    );
}

/** What the platform adapter needs to create or switch off the offer's code. */
export const toFriendOfferDiscount = (offer: FriendOffer): FriendOfferDiscount => ({
  merchantId: offer.merchantId,
  offerId: offer.id,
  code: offer.discountCode,
  kind: offer.kind,
  bps: offer.bps,
  amountMinor: offer.amountMinor,
  currency: offer.currency,
  minimumSubtotalMinor: offer.minimumSubtotalMinor,
});
