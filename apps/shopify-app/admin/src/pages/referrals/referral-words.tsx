// Words for what the referral pages show: statuses, sources, the attribution rule, rewards, dates.
import type { ReferralStatus, TrailReward } from '@referrals/shopify-app/admin-contract';
import { Badge } from '@shopify/polaris';
import { formatDate as dateText, formatDateTime as dateTimeText } from '../../components/dates.js';
import { formatMoney } from '../../components/money.js';

type Tone = 'info' | 'success' | 'warning' | 'critical' | 'attention' | undefined;

export const statusLabels: Record<ReferralStatus, string> = {
  pending: 'Pending',
  qualified: 'Qualified',
  review: 'Needs review',
  approved: 'Approved',
  rewarded: 'Rewarded',
  rejected: 'Rejected',
  reversed: 'Reversed',
};

const statusTones: Record<ReferralStatus, Tone> = {
  pending: undefined,
  qualified: 'info',
  review: 'attention',
  approved: 'info',
  rewarded: 'success',
  rejected: 'critical',
  reversed: 'warning',
};

export function ReferralStatusBadge({ status }: { status: ReferralStatus }) {
  return <Badge tone={statusTones[status]}>{statusLabels[status]}</Badge>;
}

/** What each touch source means (attribution's TouchSource): a link, a code typed at checkout, … */
export const sourceLabels: Record<string, string> = {
  link: 'Referral link',
  code: 'Referral code at checkout',
  discount: "Friend's offer code",
  email: 'Email invitation',
  deal: 'HubSpot deal',
  customer: 'Known customer',
};
export const sourceLabel = (source: string) => sourceLabels[source] ?? 'Other';

/** What decided attribution, as a sentence. */
export function ruleSentence(rule: string): string {
  switch (rule) {
    case 'explicit_signal': // decisions stored before every touch was weighed by its time
      return "Credited because the friend used the advocate's code or discount at checkout.";
    case 'first_touch':
      return 'Credited to the first advocate who referred the friend inside the attribution window (first touch).';
    case 'last_touch':
      return 'Credited to the most recent advocate who referred the friend inside the attribution window (last touch).';
    case 'no_signals':
      return 'Not credited: the order carried no referral link, code, discount or invitation.';
    case 'after_order':
      return 'Not credited: every referral came after the order was placed.';
    case 'outside_window':
      return "Not credited: the referral was older than the programme's attribution window.";
    case 'self_referral':
      return "Not credited: the only referral was the advocate's own.";
    case 'not_yet_decided':
      return 'Not decided yet: the order has not been paid.';
    default:
      return 'Decided by the programme in force at the time.';
  }
}

const rewardKindLabels: Record<TrailReward['kind'], string> = {
  percent_discount: 'Percentage discount',
  fixed_discount: 'Discount code',
  store_credit: 'Store credit',
  gift_card: 'Gift card',
  points: 'Points',
};
export const rewardKindLabel = (kind: TrailReward['kind']) => rewardKindLabels[kind];

const rewardStatus: Record<TrailReward['status'], { label: string; tone: Tone }> = {
  held: { label: 'Pending', tone: 'attention' },
  released: { label: 'Being issued', tone: 'info' },
  issued: { label: 'Issued', tone: 'success' },
  voided: { label: 'Voided', tone: undefined },
  reversed: { label: 'Clawed back', tone: 'warning' },
  rejected: { label: 'Rejected', tone: 'critical' },
};
export function RewardStatusBadge({ status }: { status: TrailReward['status'] }) {
  const { label, tone } = rewardStatus[status];
  return <Badge tone={tone}>{label}</Badge>;
}
export const rewardStatusLabel = (status: TrailReward['status']) => rewardStatus[status].label;

export const money = (minor: number | null | undefined, currency: string | null | undefined) =>
  minor === null || minor === undefined || !currency ? '—' : formatMoney(minor, currency);

/** Dates on the referral pages; a missing one reads as a dash. */
export const formatDateTime = (iso: string | null | undefined) => dateTimeText(iso) || '—';
export const formatDate = (iso: string | null | undefined) => dateText(iso) || '—';

/** "Ada (ada@example.com)", or the email alone, or a fallback. */
export function personLabel(
  person: { email: string | null; firstName: string | null } | null,
  fallback: string,
) {
  if (!person) return fallback;
  if (person.firstName && person.email) return `${person.firstName} (${person.email})`;
  return person.firstName ?? person.email ?? fallback;
}

/** "staff:42" (the session token's user) -> "staff member 42"; other actors as they are. */
export const actorLabel = (actor: string) =>
  actor.startsWith('staff:') ? `staff member ${actor.slice('staff:'.length)}` : actor;

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const ISO_TIME = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z\b/g;

/**
 * The engine's stored reasons read by a person: ids become the people they name (or "another
 * advocate"), timestamps local dates, rule keys words ("explicit_signal" -> "explicit signal").
 */
export function readableReason(reason: string, people: Record<string, string> = {}): string {
  const name = (id: string) => people[id.toLowerCase()];
  return reason
    .replace(new RegExp(`\\badvocate (${UUID.source})`, 'gi'), (_m, id: string) =>
      name(id) ? `advocate ${name(id)}` : 'another advocate',
    )
    .replace(UUID, (id) => name(id) ?? 'another advocate')
    .replace(ISO_TIME, (iso) => formatDateTime(iso))
    .replace(/\bstaff:\w+/g, actorLabel)
    .replace(/\b([a-z]+)_([a-z_]+)\b/g, (word) => word.replace(/_/g, ' '));
}
