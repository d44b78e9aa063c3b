// Queries on referrals, each inside one merchant. The rewards lifecycle locks and annotates
// referrals through these too, so every statement on the table lives here.
import { desc, eq, inArray, sql } from 'drizzle-orm';
import type { MerchantScope } from '../db/merchant-scope.js';
import { orders, referrals } from '../db/schema/index.js';

export type ReferralRow = typeof referrals.$inferSelect;
type ReferralChanges = Partial<Pick<ReferralRow, 'riskScore' | 'riskFindings' | 'qualification'>>;

/** The referral, locked until the transaction ends. */
export async function findReferralForUpdate(
  m: MerchantScope,
  referralId: string,
): Promise<ReferralRow | undefined> {
  const [row] = await m.db.select().from(referrals).where(m.byId(referrals, referralId)).for('update');
  return row;
}

/** The referral an order made (at most one: unique per order), locked until the transaction ends. */
export async function findReferralOfOrderForUpdate(
  m: MerchantScope,
  orderId: string,
): Promise<ReferralRow | undefined> {
  const [row] = await m.db
    .select()
    .from(referrals)
    .where(m.where(referrals, eq(referrals.orderId, orderId)))
    .for('update');
  return row;
}

/** How many of the advocate's referrals succeeded (approved or rewarded). */
export async function countSuccessfulReferrals(m: MerchantScope, advocateId: string): Promise<number> {
  const [row] = await m.db
    .select({ n: sql<number>`count(*)::int` })
    .from(referrals)
    .where(
      m.where(
        referrals,
        eq(referrals.advocateId, advocateId),
        inArray(referrals.status, ['approved', 'rewarded']),
      ),
    );
  return row?.n ?? 0;
}

/** Appends notes to the referral's qualification trail. */
export async function appendQualificationNotes(
  m: MerchantScope,
  referralId: string,
  notes: string[],
): Promise<void> {
  await m.db
    .update(referrals)
    .set({ qualification: sql`${referrals.qualification} || ${JSON.stringify(notes)}::jsonb` })
    .where(m.byId(referrals, referralId));
}

/**
 * Compare-and-set: moves the referral to `to` only if it is still `from`. False when another
 * transaction moved it in the meantime.
 */
export async function setReferralStatusIfUnchanged(
  m: MerchantScope,
  move: {
    referralId: string;
    from: ReferralRow['status'];
    to: ReferralRow['status'];
    changes: ReferralChanges;
  },
): Promise<boolean> {
  const moved = await m.db
    .update(referrals)
    .set({ ...move.changes, status: move.to, updatedAt: sql`now()` })
    .where(m.where(referrals, eq(referrals.id, move.referralId), eq(referrals.status, move.from)))
    .returning({ id: referrals.id });
  return moved.length > 0;
}

/** The merchant's latest referrals, newest first, with the platform id of each one's order. */
export async function listLatestReferrals(m: MerchantScope, limit: number) {
  return m.db
    .select({
      id: referrals.id,
      status: referrals.status,
      source: referrals.source,
      riskScore: referrals.riskScore,
      riskFindings: referrals.riskFindings,
      // Orders are the orders capability's table: read here for the list's one column.
      orderId: orders.platformOrderId,
      createdAt: referrals.createdAt,
    })
    .from(referrals)
    .innerJoin(orders, m.joinOn(orders, referrals.orderId))
    .where(m.where(referrals))
    .orderBy(desc(referrals.createdAt))
    .limit(limit);
}
