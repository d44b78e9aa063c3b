// Withdrawn offer -> platform (rewards queue, on friend_offer.deactivate): switch the code off.
// A code the friend used in the meantime can't be taken back; the offer then says so.
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { friendOffers } from '../db/schema/index.js';
import { byId } from '../db/scoped.js';
import type { FriendOfferIssuer } from '../ports.js';
import { findFriendOffer, toFriendOfferDiscount } from './repository.js';

export type DeactivateFriendOfferResult = 'deactivated' | 'used' | 'not_withdrawn';

export async function deactivateFriendOffer(
  db: Database,
  issuer: FriendOfferIssuer,
  input: { merchantId: string; offerId: string },
): Promise<DeactivateFriendOfferResult> {
  const offer = await findFriendOffer(db, input.merchantId, input.offerId);
  if (offer.status !== 'deactivated') return 'not_withdrawn';
  const { used } = await issuer.deactivate(toFriendOfferDiscount(offer));
  if (!used) return 'deactivated';
  await db
    .update(friendOffers)
    .set({ status: 'used', updatedAt: sql`now()` })
    .where(and(byId(friendOffers, input.merchantId, input.offerId), eq(friendOffers.status, 'deactivated')));
  return 'used';
}
