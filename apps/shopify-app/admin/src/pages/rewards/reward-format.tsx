// How one reward reads in the admin: its value, its status badge, the Shopify id and its dates.
import type { Reward, RewardStatus } from '@referrals/shopify-app/admin-contract';
import { Badge } from '@shopify/polaris';
import { formatDateTime } from '../../components/dates.js';
import { formatMoney } from '../../components/money.js';

const kindLabels: Record<Reward['kind'], string> = {
  percent_discount: 'discount',
  fixed_discount: 'discount',
  store_credit: 'store credit',
  gift_card: 'gift card',
  points: '',
};

/** "$10.00 store credit", "15% discount", "500 points". */
export function describeRewardValue(
  reward: Pick<Reward, 'kind' | 'amount' | 'bps'>,
  locale?: string,
): string {
  if (reward.kind === 'percent_discount') {
    const percent = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(
      (reward.bps ?? 0) / 100,
    );
    return `${percent}% discount`;
  }
  const amount = formatMoney(reward.amount.amountMinor, reward.amount.currency, locale);
  const kind = kindLabels[reward.kind];
  return kind ? `${amount} ${kind}` : amount;
}

export const statusLabels: Record<RewardStatus, string> = {
  pending: 'Pending',
  issuing: 'Issuing',
  issued: 'Issued',
  failed: 'Failed',
  clawed_back: 'Clawed back',
  voided: 'Voided',
};

const statusTones: Record<
  RewardStatus,
  'info' | 'success' | 'critical' | 'warning' | 'attention' | undefined
> = {
  pending: 'attention',
  issuing: 'info',
  issued: 'success',
  failed: 'critical',
  clawed_back: 'warning',
  voided: undefined,
};

export function RewardStatusBadge({ status }: { status: RewardStatus }) {
  const tone = statusTones[status];
  return tone ? <Badge tone={tone}>{statusLabels[status]}</Badge> : <Badge>{statusLabels[status]}</Badge>;
}

/**
 * Shopify's id, short enough for a cell: "gid://shopify/GiftCard/123" -> "Gift card 123",
 * "discount:REF-AB12" -> "Code REF-AB12". Non-Shopify refs (an offset, a refund netting) say so.
 */
export function shopifyIdLabel(platformRef: string | null): string | null {
  if (!platformRef) return null;
  if (platformRef.startsWith('discount:')) return `Code ${platformRef.slice('discount:'.length)}`;
  const gid = /^gid:\/\/shopify\/([A-Za-z]+)\/(.+)$/.exec(platformRef);
  if (gid) {
    const type = (gid[1] ?? '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
    return `${type.charAt(0).toUpperCase()}${type.slice(1)} ${gid[2]}`;
  }
  if (platformRef === 'offset-against-negative-balance') return 'Offset against a balance owed';
  if (platformRef === 'netted-by-refund') return 'Cancelled out by a refund';
  return platformRef;
}

/** "Clawed back $10.00 of $10.00", with what could not be recovered or is still under way. */
export function describeClawback(
  reward: Pick<Reward, 'reversed' | 'amount' | 'clawback'>,
  locale?: string,
): string {
  const money = (m: { amountMinor: number; currency: string }) =>
    formatMoney(m.amountMinor, m.currency, locale);
  const parts = [`Clawed back ${money(reward.reversed)} of ${money(reward.amount)}`];
  const c = reward.clawback;
  if (c && c.shortfall.amountMinor > 0) parts.push(`${money(c.shortfall)} could not be recovered`);
  if (c && c.pending > 0) parts.push('still being taken back on Shopify');
  return parts.join(' · ');
}

/** "3 attempts · last tried Jan 5, 2027, 10:04 AM": how often Shopify was asked to issue it. */
export function describeIssueAttempts(
  reward: Pick<Reward, 'issueAttempts' | 'lastIssueAttemptAt'>,
  locale?: string,
): string {
  const n = reward.issueAttempts;
  const count = `${new Intl.NumberFormat(locale).format(n)} ${n === 1 ? 'attempt' : 'attempts'}`;
  return reward.lastIssueAttemptAt
    ? `${count} · last tried ${formatDateTime(reward.lastIssueAttemptAt, locale)}`
    : count;
}

export { formatDate, formatDateTime } from '../../components/dates.js';
