// A rejected referral withdraws its friend's unused offers (matched by the friend's email or the
// order's visitor id): each is marked deactivated and announced (friend_offer.deactivate) in the
// caller's transaction, so the worker switches the code off on the platform.
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { friendOffers, orders, referrals } from '../db/schema/index.js';
import { byId } from '../db/scoped.js';
import { writeOutbox } from '../outbox/index.js';

export type WithdrawFriendOffersInput = { merchantId: string; referralId: string };

/** Returns the ids of the offers withdrawn (none the second time). */
export async function withdrawFriendOffers(
  db: Database,
  input: WithdrawFriendOffersInput,
): Promise<string[]> {
  const [row] = await db
    .select({ email: referrals.friendEmailNormalized, signals: orders.signals })
    .from(referrals)
    .innerJoin(orders, eq(orders.id, referrals.orderId))
    .where(byId(referrals, input.merchantId, input.referralId));
  if (!row) return [];
  const visitorId = (row.signals as { visitorId?: string | null }).visitorId ?? null;
  const friend = [
    ...(row.email ? [eq(friendOffers.friendEmailNormalized, row.email)] : []),
    ...(visitorId ? [eq(friendOffers.visitorId, visitorId)] : []),
  ];
  if (friend.length === 0) return [];
  const withdrawn = await db
    .update(friendOffers)
    .set({ status: 'deactivated', updatedAt: sql`now()` })
    .where(
      and(
        eq(friendOffers.merchantId, input.merchantId),
        inArray(friendOffers.status, ['pending', 'created']),
        or(...friend),
      ),
    )
    .returning({ id: friendOffers.id });
  await writeOutbox(
    db,
    withdrawn.map(({ id }) => ({
      merchantId: input.merchantId,
      topic: 'friend_offer.deactivate' as const,
      aggregateId: id,
      payload: { offerId: id, referralId: input.referralId },
    })),
  );
  return withdrawn.map(({ id }) => id);
}
