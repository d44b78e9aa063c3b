// The referral facts written onto CRM contacts: property names, the values of the enumerations,
// and the pure mapping from facts to strings (CRM APIs take every value as a string).
import { minorToDecimal } from '../money/index.js';

/** The CRMs the sync writes to. */
export const crmPlatforms = ['hubspot'] as const;
export type CrmPlatform = (typeof crmPlatforms)[number];

/** Every contact property the sync writes; a CRM adapter creates them (and only them) up front. */
export const crmContactProperties = [
  'referral_code',
  'referral_link',
  'referred_by',
  'referral_source',
  'referral_status',
  'advocate_score',
  'successful_referrals',
  'referral_revenue',
  'rewards_earned',
  'last_referral_at',
] as const;
export type CrmContactProperty = (typeof crmContactProperties)[number];

/** How a friend was referred, as the CRM shows it. */
export type CrmReferralSource = 'link' | 'code' | 'discount' | 'email' | 'deal';

/** Options of `referral_source`: how the friend was referred (see `crmReferralSource`). */
export const crmReferralSources = [
  'link',
  'code',
  'discount',
  'email',
  'deal',
] as const satisfies readonly CrmReferralSource[];

/** The engine's touch source as a CRM value; a won HubSpot deal counts as `deal`. */
export function crmReferralSource(source: string, platformOrderId: string): CrmReferralSource {
  if (platformOrderId.startsWith('hubspot-deal:')) return 'deal';
  if (source === 'link' || source === 'code' || source === 'discount') return source;
  return 'email';
}

/** Options of `referral_status`: a friend's latest referral status, or `advocate` for an advocate. */
export const crmReferralStatuses = [
  'advocate',
  'pending',
  'qualified',
  'review',
  'approved',
  'rewarded',
  'rejected',
  'reversed',
] as const;
export type CrmReferralStatus = (typeof crmReferralStatuses)[number];

/**
 * The address a CRM knows the person by: the one they gave, trimmed and lower-cased (CRMs match
 * emails case-insensitively). Not the identity key `emailNormalized`, which drops dots and plus
 * tags and so would create a second contact beside the real one. Null when no plausible address.
 */
export function crmEmailOf(row: { email: string | null; emailNormalized: string | null }): string | null {
  if (!row.emailNormalized) return null;
  return row.email?.trim().toLowerCase() || row.emailNormalized;
}

export type AdvocateFacts = {
  /** The code the advocate shares; null when every code is disabled. */
  code: string | null;
  link: string | null;
  score: number;
  successfulReferrals: number;
  referredRevenueMinor: number;
  rewardsEarnedMinor: number;
  currency: string;
  lastReferralAt: Date | null;
};

export type FriendFacts = {
  /** The referring advocate's CRM email; null when the advocate has none on record. */
  referredBy: string | null;
  source: CrmReferralSource;
  status: Exclude<CrmReferralStatus, 'advocate'>;
};

/**
 * One contact's properties. An empty string clears a value in the CRM (a disabled code, no referral
 * yet); friend properties that are unknown are left out, so a CRM value set by hand stays. A person
 * who is both an advocate and a referred friend gets both sets, with `referral_status` = `advocate`.
 */
export function buildContactProperties(
  advocate: AdvocateFacts | null,
  friend: FriendFacts | null,
): Record<string, string> {
  const properties: Record<string, string> = {};
  const set = (name: CrmContactProperty, value: string) => {
    properties[name] = value;
  };
  if (friend) {
    if (friend.referredBy) set('referred_by', friend.referredBy);
    set('referral_source', friend.source);
    set('referral_status', friend.status);
  }
  if (advocate) {
    set('referral_code', advocate.code ?? '');
    set('referral_link', advocate.link ?? '');
    set('advocate_score', String(advocate.score));
    set('successful_referrals', String(advocate.successfulReferrals));
    set('referral_revenue', minorToDecimal(advocate.referredRevenueMinor, advocate.currency));
    set('rewards_earned', minorToDecimal(advocate.rewardsEarnedMinor, advocate.currency));
    // Milliseconds since the epoch: what a CRM datetime property takes without time-zone doubt.
    set('last_referral_at', advocate.lastReferralAt ? String(advocate.lastReferralAt.getTime()) : '');
    set('referral_status', 'advocate');
  }
  return properties;
}
