// The referral summary of one shop's customer (or guest), in the words the extensions show.
import {
  type AdvocateDashboard,
  type Database,
  findActiveProgramId,
  findVersionInForce,
  getAdvocateDashboard,
  type MerchantRow,
  type ProgramRules,
} from '@referrals/core';
import {
  describeFriendOffer,
  describeProgram,
  describeReward,
  describeRewardSpec,
  formatDate,
  formatMoney,
  REFERRAL_STATUS_LABELS,
} from '../proxy/format.js';
import type { ReferralSummary } from './contract.js';

const REWARD_STATUS_LABELS = { held: 'Pending', released: 'Confirmed', issued: 'Sent' } as const;
/** The extensions show a short list; the storefront page has the full history. */
const LIST_LIMIT = 10;

export type SummaryInput = {
  merchant: Pick<MerchantRow, 'id' | 'currency'>;
  /** The shop the session token names (its myshopify domain). */
  shop: string;
  customerId: string | null;
  linkFor: (code: string) => string;
  at: Date;
};

function offerOf(rules: ProgramRules, currency: string) {
  const terms = describeProgram(rules, currency);
  const headline = rules.friendReward
    ? `Share and give ${describeRewardSpec(rules.friendReward, currency)}`
    : 'Share with your friends';
  return {
    headline,
    friend: terms.friend,
    advocate: terms.advocate,
    gift: describeFriendOffer(rules, currency),
  };
}

function advocateSummary(dashboard: AdvocateDashboard, input: SummaryInput, rules: ProgramRules) {
  return {
    state: 'advocate' as const,
    offer: offerOf(rules, input.merchant.currency),
    link: dashboard.linkCode ? input.linkFor(dashboard.linkCode) : null,
    code: dashboard.linkCode,
    referrals: dashboard.referrals.slice(0, LIST_LIMIT).map((r) => ({
      friend: r.friendLabel ?? 'A friend',
      status: REFERRAL_STATUS_LABELS[r.status],
      date: formatDate(r.createdAt),
    })),
    rewards: dashboard.rewards.slice(0, LIST_LIMIT).map((r) => ({
      description: describeReward(r),
      status: REWARD_STATUS_LABELS[r.status],
      date: formatDate(r.createdAt),
    })),
    totals: dashboard.totals.map((t) => ({
      earned: formatMoney(t.earnedMinor, t.currency),
      pending: formatMoney(t.pendingMinor, t.currency),
    })),
  };
}

export async function loadReferralSummary(db: Database, input: SummaryInput): Promise<ReferralSummary> {
  const merchantId = input.merchant.id;
  const dashboard = input.customerId
    ? await getAdvocateDashboard(db, { merchantId, platformCustomerId: input.customerId })
    : null;
  if (dashboard) {
    const version = await findVersionInForce(db, merchantId, dashboard.advocate.programId, input.at);
    return advocateSummary(dashboard, input, version.rules);
  }
  const programId = await findActiveProgramId(db, merchantId);
  if (!programId) return { state: 'no_program' };
  const version = await findVersionInForce(db, merchantId, programId, input.at);
  const offer = offerOf(version.rules, input.merchant.currency);
  if (input.customerId) return { state: 'not_enrolled', offer };
  return { state: 'guest', offer, joinUrl: `https://${input.shop}/apps/referrals` };
}
