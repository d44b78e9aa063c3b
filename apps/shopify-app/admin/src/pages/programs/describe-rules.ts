// Programme rules in words, in the shop's currency and the marketer's locale: the live preview
// ("Your friend gets 15% off their first order over $50.00; you get $10.00 store credit 14 days
// after their order") and the field-by-field diff between two versions.
import type {
  ProgramCap,
  ProgramFraudRuleType,
  ProgramRewardSpec,
  ProgramRules,
  ProgramTier,
} from '@referrals/shopify-app/admin-contract';
import { programFraudRuleTypes } from '@referrals/shopify-app/admin-contract';
import { formatMoney } from '../../components/money.js';

export type Formats = { currency: string; locale?: string | undefined };

const ok = (n: number | undefined): n is number => typeof n === 'number' && Number.isFinite(n);
const money = (minor: number | undefined, f: Formats) =>
  ok(minor) ? formatMoney(minor, f.currency, f.locale) : '…';
export const formatPercent = (bps: number | undefined, f: Formats) =>
  ok(bps)
    ? new Intl.NumberFormat(f.locale, { style: 'percent', maximumFractionDigits: 2 }).format(bps / 10_000)
    : '…%';
const count = (n: number | undefined, f: Formats) =>
  ok(n) ? new Intl.NumberFormat(f.locale).format(n) : '…';
const days = (n: number | undefined, f: Formats) => (n === 1 ? '1 day' : `${count(n, f)} days`);
const ordinal = (n: number) => {
  const rule = new Intl.PluralRules('en', { type: 'ordinal' }).select(n);
  return `${n}${{ one: 'st', two: 'nd', few: 'rd', other: 'th' }[rule as 'one'] ?? 'th'}`;
};

export const fraudRuleLabels: Record<ProgramFraudRuleType, string> = {
  self_customer: 'Friend is the advocate’s own customer account',
  self_email: 'Friend uses the advocate’s email',
  self_address: 'Friend ships to the advocate’s address',
  self_ip: 'Friend orders from the advocate’s IP address',
  self_visitor: 'Friend orders from the advocate’s browser',
  disposable_email: 'Friend uses a disposable email address',
  velocity: 'Advocate refers unusually many friends in an hour or a day',
};

/** "15% off", "$10.00 store credit", "a $25.00 gift card", "500 points". */
export function describeReward(spec: ProgramRewardSpec | null, f: Formats): string {
  if (!spec) return 'Nothing';
  switch (spec.kind) {
    case 'percent_discount':
      return `${formatPercent(spec.bps, f)} off`;
    case 'fixed_discount':
      return `${money(spec.amountMinor, f)} off`;
    case 'store_credit':
      return spec.bps !== undefined
        ? `store credit worth ${formatPercent(spec.bps, f)} of the order`
        : `${money(spec.amountMinor, f)} store credit`;
    case 'gift_card':
      return spec.bps !== undefined
        ? `a gift card worth ${formatPercent(spec.bps, f)} of the order`
        : `a ${money(spec.amountMinor, f)} gift card`;
    case 'points':
      return `${count(spec.points, f)} points`;
  }
}

const isDiscount = (spec: ProgramRewardSpec) =>
  spec.kind === 'percent_discount' || spec.kind === 'fixed_discount';

function qualifyingOrder(rules: ProgramRules, f: Formats): string {
  const { newCustomersOnly, minimumOrderMinor } = rules.eligibility;
  const order = newCustomersOnly ? 'first order' : 'order';
  return minimumOrderMinor > 0 || !ok(minimumOrderMinor)
    ? `${order} over ${money(minimumOrderMinor, f)}`
    : order;
}

const afterHold = (holdDays: number, f: Formats) =>
  holdDays === 0 ? 'right after' : `${days(holdDays, f)} after`;

/** The headline a marketer reads as they type. */
export function previewSentence(rules: ProgramRules, f: Formats): string {
  const order = qualifyingOrder(rules, f);
  const { friendReward: friend, advocateReward: advocate } = rules;
  const friendText = friend
    ? isDiscount(friend)
      ? `Your friend gets ${describeReward(friend, f)} their ${order}`
      : `Your friend gets ${describeReward(friend, f)} ${afterHold(rules.holdDays, f)} their ${order}`
    : null;
  if (!advocate) return friendText ? `${friendText}.` : 'Choose what the friend or the advocate gets.';
  const when = afterHold(rules.holdDays, f);
  if (!friendText) return `You get ${describeReward(advocate, f)} ${when} a friend’s ${order}.`;
  return `${friendText}; you get ${describeReward(advocate, f)} ${when} their order.`;
}

function describeCap(cap: ProgramCap | undefined, f: Formats): string | null {
  const parts = [
    cap?.count !== undefined ? `${count(cap.count, f)} ${cap.count === 1 ? 'reward' : 'rewards'}` : null,
    cap?.amountMinor !== undefined ? `${money(cap.amountMinor, f)} in rewards` : null,
  ].filter((p) => p !== null);
  return parts.length ? parts.join(' and ') : null;
}

const describeTier = (tier: ProgramTier, f: Formats) =>
  `${describeReward(tier.bonus, f)} at the ${ok(tier.atReferral) ? ordinal(tier.atReferral) : '…'} successful referral`;

/** The smaller print under the headline: tiers, window, caps, fraud checks. */
export function previewDetails(rules: ProgramRules, f: Formats): string[] {
  const lines: string[] = [];
  for (const tier of [...rules.tiers].sort((a, b) => a.atReferral - b.atReferral)) {
    lines.push(`Bonus: ${describeTier(tier, f)}.`);
  }
  const model = rules.eligibility.attributionModel === 'first_touch' ? 'the first' : 'the last';
  lines.push(
    `A friend counts if they order within ${days(rules.eligibility.attributionWindowDays, f)} of clicking a link (${model} advocate’s link wins).`,
  );
  if (!rules.eligibility.newCustomersOnly) lines.push('Returning customers count too.');
  const monthly = describeCap(rules.caps.perAdvocatePerMonth, f);
  if (monthly) lines.push(`Each advocate earns at most ${monthly} a month.`);
  const lifetime = describeCap(rules.caps.lifetime, f);
  if (lifetime) lines.push(`Each advocate earns at most ${lifetime} in total.`);
  lines.push(
    `Referrals scoring ${count(rules.fraud.reviewAt, f)} or more wait for your review; ${count(rules.fraud.rejectAt, f)} or more are rejected.`,
  );
  return lines;
}

export type FieldChange = { field: string; before: string; after: string };

const onOff = (on: boolean) => (on ? 'On' : 'Off');
function describeFraudRule(settings: Record<string, unknown> | undefined): string {
  if (!settings) return 'On';
  const { enabled, ...config } = settings;
  const words: Record<string, (v: unknown) => string> = {
    score: (v) => `adds ${String(v)} to the score`,
    maxPerHour: (v) => `more than ${String(v)} an hour`,
    maxPerDay: (v) => `more than ${String(v)} a day`,
  };
  const extras = Object.entries(config)
    .map(([k, v]) => words[k]?.(v) ?? `${k} ${String(v)}`)
    .join(', ');
  return extras && enabled !== false ? `${onOff(enabled !== false)} (${extras})` : onOff(enabled !== false);
}

/** Every field that differs between two versions' rules, in words, in a stable order. */
export function diffRules(before: ProgramRules, after: ProgramRules, f: Formats): FieldChange[] {
  const fields: [string, (r: ProgramRules) => string][] = [
    ['Friend reward', (r) => describeReward(r.friendReward, f)],
    ['Advocate reward', (r) => describeReward(r.advocateReward, f)],
    [
      'Tiers',
      (r) =>
        r.tiers.length
          ? [...r.tiers]
              .sort((a, b) => a.atReferral - b.atReferral)
              .map((t) => describeTier(t, f))
              .join('; ')
          : 'None',
    ],
    ['New customers only', (r) => (r.eligibility.newCustomersOnly ? 'Yes' : 'No')],
    [
      'Minimum order',
      (r) => (r.eligibility.minimumOrderMinor > 0 ? money(r.eligibility.minimumOrderMinor, f) : 'None'),
    ],
    ['Attribution window', (r) => days(r.eligibility.attributionWindowDays, f)],
    ['Attribution', (r) => (r.eligibility.attributionModel === 'first_touch' ? 'First touch' : 'Last touch')],
    ['Hold before release', (r) => days(r.holdDays, f)],
    ['Monthly limit per advocate', (r) => describeCap(r.caps.perAdvocatePerMonth, f) ?? 'None'],
    ['Lifetime limit per advocate', (r) => describeCap(r.caps.lifetime, f) ?? 'None'],
    ['Review from fraud score', (r) => count(r.fraud.reviewAt, f)],
    ['Reject from fraud score', (r) => count(r.fraud.rejectAt, f)],
    ...programFraudRuleTypes.map((type): [string, (r: ProgramRules) => string] => [
      `Fraud check: ${fraudRuleLabels[type]}`,
      (r) => describeFraudRule(r.fraud.rules[type]),
    ]),
  ];
  return fields.flatMap(([field, describe]) => {
    const [a, b] = [describe(before), describe(after)];
    return a === b ? [] : [{ field, before: a, after: b }];
  });
}
