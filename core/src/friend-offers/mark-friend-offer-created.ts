// The platform made the offer's code: keep its id. A pending offer becomes created; one that was
// deactivated meanwhile stays deactivated, and the caller switches the fresh code off again.
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { friendOffers } from '../db/schema/index.js';
import { byId } from '../db/scoped.js';
import { DomainError } from '../errors.js';
import type { FriendOffer } from './repository.js';

export type MarkFriendOfferCreatedInput = { merchantId: string; offerId: string; platformRef: string };

export async function markFriendOfferCreated(
  db: Database,
  input: MarkFriendOfferCreatedInput,
): Promise<FriendOffer> {
  const [row] = await db
    .update(friendOffers)
    .set({
      platformRef: input.platformRef,
      status: sql`case when ${friendOffers.status} = 'pending' then 'created' else ${friendOffers.status} end`,
      updatedAt: sql`now()`,
    })
    .where(byId(friendOffers, input.merchantId, input.offerId))
    .returning();
  if (!row) throw new DomainError('NOT_FOUND', `Friend offer ${input.offerId} not found.`);
  return row;
}
