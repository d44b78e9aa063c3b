// An order paid with a friend's code: its live offer is used. A withdrawn offer stays withdrawn
// here (it credits nobody); its deactivate job records 'used' if the platform says so.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { normalizeCode } from '../advocates/index.js';
import type { Database } from '../db/client.js';
import { friendOffers } from '../db/schema/index.js';

export type MarkFriendOffersUsedInput = { merchantId: string; discountCodes: string[] };

/** Returns the ids of the offers that became used. */
export async function markFriendOffersUsed(
  db: Database,
  input: MarkFriendOffersUsedInput,
): Promise<string[]> {
  const codes = input.discountCodes.map(normalizeCode).filter((c) => c.length > 0);
  if (codes.length === 0) return [];
  const rows = await db
    .update(friendOffers)
    .set({ status: 'used', updatedAt: sql`now()` })
    .where(
      and(
        eq(friendOffers.merchantId, input.merchantId),
        inArray(friendOffers.discountCode, codes),
        inArray(friendOffers.status, ['pending', 'created']),
      ),
    )
    .returning({ id: friendOffers.id });
  return rows.map((r) => r.id);
}
