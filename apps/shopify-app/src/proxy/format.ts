// Words and numbers for the storefront pages: money from integer minor units (never floats), percents
// from basis points, reward specs and statuses in plain English. Dates are shown in UTC.
import {
  type DashboardReferral,
  type DashboardReward,
  minorToDecimal,
  POINTS_CURRENCY,
  type ProgramRules,
  type RewardSpec,
} from '@referrals/core';

const LOCALE = 'en';

export function formatMoney(amountMinor: number, currency: string): string {
  if (currency === POINTS_CURRENCY) return formatPoints(amountMinor);
  // The decimal string keeps the amount exact; Intl formats string numbers without a float.
  const decimal = minorToDecimal(amountMinor, currency) as `${number}`;
  return new Intl.NumberFormat(LOCALE, { style: 'currency', currency }).format(decimal);
}

export const formatPoints = (points: number): string =>
  `${new Intl.NumberFormat(LOCALE).format(points)} ${points === 1 ? 'point' : 'points'}`;

/** 1 bp = 0.01 %: 1500 -> "15%", 1250 -> "12.5%". */
export const formatPercent = (bps: number): string =>
  new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 2 }).format(bps / 10_000);

export const formatDate = (date: Date): string =>
  new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);

/** A reward as a customer reads it, e.g. "$10.00 in store credit" or "15% off". */
export function describeRewardSpec(spec: RewardSpec, currency: string): string {
  switch (spec.kind) {
    case 'percent_discount':
      return `${formatPercent(spec.bps)} off`;
    case 'fixed_discount':
      return `${formatMoney(spec.amountMinor, currency)} off`;
    case 'store_credit':
      return spec.amountMinor !== undefined
        ? `${formatMoney(spec.amountMinor, currency)} in store credit`
        : `store credit worth ${formatPercent(spec.bps!)} of the order`;
    case 'gift_card':
      return spec.amountMinor !== undefined
        ? `a ${formatMoney(spec.amountMinor, currency)} gift card`
        : `a gift card worth ${formatPercent(spec.bps!)} of the order`;
    case 'points':
      return formatPoints(spec.points);
  }
}

/** "their first order of $50.00 or more": the order that earns the rewards, for `whose` reader. */
function qualifyingOrder(rules: ProgramRules, currency: string, whose: 'their' | 'your'): string {
  const { newCustomersOnly, minimumOrderMinor } = rules.eligibility;
  const order = newCustomersOnly ? `${whose} first order` : whose === 'their' ? 'an order' : 'your order';
  return minimumOrderMinor > 0 ? `${order} of ${formatMoney(minimumOrderMinor, currency)} or more` : order;
}

/** "15% off your first order", "$5.00 store credit on your first order": "off" needs no "on". */
const rewardOnOrder = (spec: string, order: string) =>
  `${spec}${spec.endsWith(' off') ? '' : ' on'} ${order}`;

/** The programme's terms in sentences, for the advocate: what each side gets and the conditions. */
export function describeProgram(rules: ProgramRules, currency: string) {
  const order = qualifyingOrder(rules, currency, 'their');
  return {
    advocate: rules.advocateReward
      ? `You get ${describeRewardSpec(rules.advocateReward, currency)} for each friend who places ${order}.`
      : null,
    friend: rules.friendReward
      ? `Your friend gets ${rewardOnOrder(describeRewardSpec(rules.friendReward, currency), order)}.`
      : null,
    conditions: [
      `Your friend must buy within ${rules.eligibility.attributionWindowDays} days of following your link.`,
      rules.holdDays > 0
        ? `Rewards are confirmed ${rules.holdDays} days after your friend's order, once it can no longer be returned.`
        : null,
      'Orders that are refunded or cancelled do not earn rewards, and you cannot refer yourself.',
    ].filter((line): line is string => line !== null),
  };
}

/** What the invited friend gets, addressed to them: "15% off your first order", or null. */
export function describeFriendOffer(rules: ProgramRules, currency: string): string | null {
  if (!rules.friendReward) return null;
  return rewardOnOrder(
    describeRewardSpec(rules.friendReward, currency),
    qualifyingOrder(rules, currency, 'your'),
  );
}

/** An advocate's reward as granted, e.g. "$10.00 store credit". */
export function describeReward(
  reward: Pick<DashboardReward, 'kind' | 'amountMinor' | 'currency' | 'bps'>,
): string {
  if (reward.kind === 'percent_discount') return `${formatPercent(reward.bps ?? 0)} discount`;
  if (reward.kind === 'points') return formatPoints(reward.amountMinor);
  const what = { fixed_discount: 'discount', store_credit: 'store credit', gift_card: 'gift card' }[
    reward.kind
  ];
  return `${formatMoney(reward.amountMinor, reward.currency)} ${what}`;
}

/** The engine's referral states as an advocate should read them: a fraud review is just "pending". */
export const REFERRAL_STATUS_LABELS: Record<DashboardReferral['status'], string> = {
  pending: 'Pending',
  qualified: 'Pending',
  review: 'Pending',
  approved: 'Approved',
  rewarded: 'Rewarded',
  rejected: 'Not eligible',
  reversed: 'Cancelled',
};
