// The admin's referral list: the merchant's latest referrals, newest first, with the platform id
// of the order each one came from.
import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { orders, referrals } from '../db/schema/index.js';

export async function listRecentReferrals(db: Database, merchantId: string, limit: number) {
  return db
    .select({
      id: referrals.id,
      status: referrals.status,
      source: referrals.source,
      riskScore: referrals.riskScore,
      riskFindings: referrals.riskFindings,
      orderId: orders.platformOrderId,
      createdAt: referrals.createdAt,
    })
    .from(referrals)
    .innerJoin(orders, and(eq(orders.id, referrals.orderId), eq(orders.merchantId, referrals.merchantId)))
    .where(eq(referrals.merchantId, merchantId))
    .orderBy(desc(referrals.createdAt))
    .limit(limit);
}

export type RecentReferral = Awaited<ReturnType<typeof listRecentReferrals>>[number];
