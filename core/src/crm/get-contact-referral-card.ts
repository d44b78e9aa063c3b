// Everything a CRM contact card shows about one person (by email): who referred them and how,
// and, if they are an advocate, their link code, score with its components, referrals, referred
// revenue and rewards. Friends of the advocate appear masked, as on the storefront dashboard.
import { type AdvocateScore, loadAdvocateScoreInputs, scoreAdvocate } from '../advocate-score/index.js';
import { type AdvocateDashboard, getAdvocateDashboard } from '../advocates/index.js';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import type { referrals } from '../db/schema/index.js';
import { normalizeEmail } from '../identity/index.js';
import { type CrmReferralSource, crmReferralSource } from './properties.js';
import { findLatestReferralOfFriend } from './repository/contact-facts.js';

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
  // Read-only, from one snapshot: the referral, the dashboard and the score agree with each other.
  return forMerchant(db, input.merchantId).transaction(
    async (m) => {
      const referred = await findLatestReferralOfFriend(m, email);
      const dashboard = await getAdvocateDashboard(m.db, { merchantId: m.merchantId, email });
      let advocate: ContactReferralCard['advocate'] = null;
      if (dashboard) {
        const id = dashboard.advocate.id;
        const inputs = await loadAdvocateScoreInputs(m.db, {
          merchantId: m.merchantId,
          advocateIds: [id],
          now: input.now,
        });
        const scoreInput = inputs.get(id);
        advocate = {
          dashboard,
          score: scoreInput ? scoreAdvocate(scoreInput) : null,
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
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
