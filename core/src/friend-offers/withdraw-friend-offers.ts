// A rejected referral withdraws its friend's unused offers (matched by the friend's email or the
// order's visitor id): each is marked deactivated and announced (friend_offer.deactivate) in the
// caller's transaction, so the worker switches the code off on the platform.
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { writeOutbox } from '../outbox/index.js';
import { deactivateLiveOffersOfFriend, findReferralFriend } from './repository.js';

export type WithdrawFriendOffersInput = { merchantId: string; referralId: string };

/** Returns the ids of the offers withdrawn (none the second time). */
export async function withdrawFriendOffers(
  db: Database,
  input: WithdrawFriendOffersInput,
): Promise<string[]> {
  const m = forMerchant(db, input.merchantId);
  const row = await findReferralFriend(m, input.referralId);
  if (!row) return [];
  const visitorId = (row.signals as { visitorId?: string | null }).visitorId ?? null;
  const withdrawn = await deactivateLiveOffersOfFriend(m, { email: row.email, visitorId });
  await writeOutbox(
    db,
    withdrawn.map((id) => ({
      merchantId: input.merchantId,
      topic: 'friend_offer.deactivate' as const,
      aggregateId: id,
      payload: { offerId: id, referralId: input.referralId },
    })),
  );
  return withdrawn;
}
