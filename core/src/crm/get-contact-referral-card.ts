// Everything a CRM contact card shows about one person (by email): who referred them and how,
// and, if they are an advocate, their link code, score with its components, referrals, referred
// revenue and rewards. Friends of the advocate appear masked, as on the storefront dashboard.
import { and, desc, eq, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  type AdvocateScore,
  computeAdvocateScores,
  loadAdvocateScoreInputs,
} from '../advocate-score/index.js';
import { type AdvocateDashboard, getAdvocateDashboard } from '../advocates/index.js';
import type { Database } from '../db/client.js';
import { advocates, customers, orders, referralCodes, referrals } from '../db/schema/index.js';
import { normalizeEmail } from '../identity/index.js';
import { type CrmReferralSource, crmReferralSource } from './properties.js';

export type ContactReferralCard = {
  email: string;
  referredBy: {
    advocateName: string | null;
    advocateEmail: string | null;
    source: CrmReferralSource;
    code: string | null;
    at: Date;
    status: (typeof referrals.$inferSelect)['status'];
  } | null;
  advocate: {
    dashboard: AdvocateDashboard;
    score: AdvocateScore | null;
    revenueMinor: number;
    currency: string;
  } | null;
};

export async function getContactReferralCard(
  db: Database,
  input: { merchantId: string; email: string; now: Date },
): Promise<ContactReferralCard | null> {
  const email = normalizeEmail(input.email);
  if (!email) return null;
  const m = input.merchantId;
  const advocateCustomer = alias(customers, 'advocate_customer');
  const friend = alias(customers, 'friend');
  const [referred] = await db
    .select({
      advocateName: advocateCustomer.firstName,
      advocateEmail: advocateCustomer.email,
      source: referrals.source,
      platformOrderId: orders.platformOrderId,
      code: referralCodes.code,
      at: referrals.createdAt,
      status: referrals.status,
    })
    .from(referrals)
    .innerJoin(orders, and(eq(orders.merchantId, m), eq(orders.id, referrals.orderId)))
    .innerJoin(advocates, and(eq(advocates.merchantId, m), eq(advocates.id, referrals.advocateId)))
    .innerJoin(
      advocateCustomer,
      and(eq(advocateCustomer.merchantId, m), eq(advocateCustomer.id, advocates.customerId)),
    )
    .leftJoin(friend, and(eq(friend.merchantId, m), eq(friend.id, referrals.friendCustomerId)))
    .leftJoin(referralCodes, and(eq(referralCodes.merchantId, m), eq(referralCodes.id, referrals.codeId)))
    .where(
      and(
        eq(referrals.merchantId, m),
        or(eq(referrals.friendEmailNormalized, email), eq(friend.emailNormalized, email)),
      ),
    )
    .orderBy(desc(referrals.createdAt))
    .limit(1);

  const dashboard = await getAdvocateDashboard(db, { merchantId: m, email });
  let advocate: ContactReferralCard['advocate'] = null;
  if (dashboard) {
    const ids = [dashboard.advocate.id];
    const [scores, inputs] = await Promise.all([
      computeAdvocateScores(db, { merchantId: m, advocateIds: ids, now: input.now }),
      loadAdvocateScoreInputs(db, { merchantId: m, advocateIds: ids, now: input.now }),
    ]);
    const scoreInput = inputs.get(dashboard.advocate.id);
    advocate = {
      dashboard,
      score: scores.get(dashboard.advocate.id) ?? null,
      revenueMinor: scoreInput?.referredRevenueMinor ?? 0,
      currency: scoreInput?.currency ?? dashboard.totals[0]?.currency ?? 'USD',
    };
  }
  if (!referred && !advocate) return null;
  return {
    email,
    referredBy: referred
      ? {
          advocateName: referred.advocateName,
          advocateEmail: referred.advocateEmail,
          source: crmReferralSource(referred.source, referred.platformOrderId),
          code: referred.code,
          at: referred.at,
          status: referred.status,
        }
      : null,
    advocate,
  };
}
