// The programme form's state: what the marketer typed (text, in the shop's currency and in percent)
// and its conversion to stored rules (minor units, basis points), with the same field errors the
// server would answer, keyed by the request's paths ("rules.friendReward.bps").
import {
  type ProgramFraudRuleType,
  type ProgramRewardKind,
  type ProgramRewardSpec,
  type ProgramRules,
  programFraudRuleTypes,
  programRulesSchema,
} from '@referrals/shopify-app/admin-contract';
import { currencyExponent, parseMoneyInput } from '../../components/money.js';

export type Sides = 'both' | 'friend' | 'advocate';
export type RewardDraft = {
  kind: ProgramRewardKind;
  /** Store credit and gift cards: a fixed amount or a share of the order. */
  basis: 'fixed' | 'percent';
  /** Money, percent or points, as typed. */
  value: string;
};
export type TierDraft = { key: number; atReferral: string; bonus: RewardDraft };

export type ProgramDraft = {
  name: string;
  sides: Sides;
  friend: RewardDraft;
  advocate: RewardDraft;
  tiers: TierDraft[];
  newCustomersOnly: boolean;
  minimumOrder: string;
  windowDays: string;
  attributionModel: 'first_touch' | 'last_touch';
  holdDays: string;
  monthlyCount: string;
  monthlyAmount: string;
  lifetimeCount: string;
  lifetimeAmount: string;
  reviewAt: string;
  rejectAt: string;
  fraudEnabled: Record<ProgramFraudRuleType, boolean>;
  /** The fraud rules' other settings, kept as they were (the form only switches them). */
  fraudSettings: ProgramRules['fraud']['rules'];
  schedule: 'now' | 'later';
  /** YYYY-MM-DD, the day (in the marketer's time zone) a scheduled version applies from. */
  effectiveDate: string;
};

export type FieldErrors = Record<string, string>;

const moneyText = (minor: number, currency: string) => {
  const exponent = currencyExponent(currency);
  return (minor / 10 ** exponent).toFixed(exponent);
};
const percentText = (bps: number) => String(bps / 100);

function rewardDraft(spec: ProgramRewardSpec | null, currency: string, fallback: RewardDraft): RewardDraft {
  if (!spec) return fallback;
  switch (spec.kind) {
    case 'percent_discount':
      return { kind: spec.kind, basis: 'percent', value: percentText(spec.bps) };
    case 'fixed_discount':
      return { kind: spec.kind, basis: 'fixed', value: moneyText(spec.amountMinor, currency) };
    case 'points':
      return { kind: spec.kind, basis: 'fixed', value: String(spec.points) };
    default:
      return spec.bps !== undefined
        ? { kind: spec.kind, basis: 'percent', value: percentText(spec.bps) }
        : { kind: spec.kind, basis: 'fixed', value: moneyText(spec.amountMinor ?? 0, currency) };
  }
}

const optional = (n: number | undefined, toText: (n: number) => string = String) =>
  n === undefined ? '' : toText(n);

let tierKeys = 0;
export const newTier = (): TierDraft => ({
  key: ++tierKeys,
  atReferral: '',
  bonus: { kind: 'store_credit', basis: 'fixed', value: '' },
});

/** A round starting amount: 10.00 in most currencies, 1,000 where there are no minor units (JPY). */
const startingAmountMinor = (currency: string) => {
  const exponent = currencyExponent(currency);
  return exponent === 0 ? 1000 : 10 * 10 ** exponent;
};

/** A sensible starting point: 15% off for the friend, store credit for the advocate. */
export const defaultRules = (currency: string): ProgramRules => ({
  friendReward: { kind: 'percent_discount', bps: 1500 },
  advocateReward: { kind: 'store_credit', amountMinor: startingAmountMinor(currency) },
  tiers: [],
  eligibility: {
    newCustomersOnly: true,
    minimumOrderMinor: 0,
    attributionWindowDays: 30,
    attributionModel: 'last_touch',
  },
  holdDays: 14,
  caps: {},
  fraud: { reviewAt: 50, rejectAt: 80, rules: {} },
});

export function draftFromRules(rules: ProgramRules, currency: string, name = ''): ProgramDraft {
  const sides: Sides = !rules.advocateReward ? 'friend' : !rules.friendReward ? 'advocate' : 'both';
  const money = (n: number) => moneyText(n, currency);
  return {
    name,
    sides,
    friend: rewardDraft(rules.friendReward, currency, {
      kind: 'percent_discount',
      basis: 'percent',
      value: '15',
    }),
    advocate: rewardDraft(rules.advocateReward, currency, {
      kind: 'store_credit',
      basis: 'fixed',
      value: money(startingAmountMinor(currency)),
    }),
    tiers: rules.tiers.map((t) => ({
      ...newTier(),
      atReferral: String(t.atReferral),
      bonus: rewardDraft(t.bonus, currency, newTier().bonus),
    })),
    newCustomersOnly: rules.eligibility.newCustomersOnly,
    minimumOrder: rules.eligibility.minimumOrderMinor > 0 ? money(rules.eligibility.minimumOrderMinor) : '',
    windowDays: String(rules.eligibility.attributionWindowDays),
    attributionModel: rules.eligibility.attributionModel,
    holdDays: String(rules.holdDays),
    monthlyCount: optional(rules.caps.perAdvocatePerMonth?.count),
    monthlyAmount: optional(rules.caps.perAdvocatePerMonth?.amountMinor, money),
    lifetimeCount: optional(rules.caps.lifetime?.count),
    lifetimeAmount: optional(rules.caps.lifetime?.amountMinor, money),
    reviewAt: String(rules.fraud.reviewAt),
    rejectAt: String(rules.fraud.rejectAt),
    fraudEnabled: Object.fromEntries(
      programFraudRuleTypes.map((t) => [t, rules.fraud.rules[t]?.enabled !== false]),
    ) as Record<ProgramFraudRuleType, boolean>,
    fraudSettings: rules.fraud.rules,
    schedule: 'now',
    effectiveDate: '',
  };
}

/** "15" or "12.5" percent -> basis points; NaN when it is not a percentage. */
export function parsePercentInput(text: string): number {
  const t = text.trim();
  return /^\d+(\.\d{1,2})?$/.test(t) ? Math.round(Number(t) * 100) : Number.NaN;
}
const parseWhole = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

type Conversion = { rules: ProgramRules; errors: FieldErrors };

/** The draft as rules (the preview describes these even while some fields are invalid) and its errors. */
export function rulesFromDraft(draft: ProgramDraft, currency: string): Conversion {
  const errors: FieldErrors = {};
  const money = (text: string, path: string, optionalField = false): number => {
    if (optionalField && text.trim() === '') return 0;
    const minor = parseMoneyInput(text, currency);
    if (minor === null) {
      errors[path] =
        currencyExponent(currency) === 0 ? 'Enter a whole amount, like 500.' : 'Enter an amount, like 10.00.';
      return Number.NaN;
    }
    return minor;
  };
  const whole = (text: string, path: string, message = 'Enter a whole number.'): number => {
    const n = parseWhole(text);
    if (Number.isNaN(n)) errors[path] = message;
    return n;
  };
  const percent = (text: string, path: string): number => {
    const bps = parsePercentInput(text);
    if (Number.isNaN(bps)) errors[path] = 'Enter a percentage, like 15.';
    return bps;
  };
  const reward = (r: RewardDraft, path: string): ProgramRewardSpec => {
    switch (r.kind) {
      case 'percent_discount':
        return { kind: r.kind, bps: percent(r.value, `${path}.bps`) };
      case 'fixed_discount':
        return { kind: r.kind, amountMinor: money(r.value, `${path}.amountMinor`) };
      case 'points':
        return { kind: r.kind, points: whole(r.value, `${path}.points`, 'Enter whole points, like 500.') };
      default:
        return r.basis === 'percent'
          ? { kind: r.kind, bps: percent(r.value, `${path}.bps`) }
          : { kind: r.kind, amountMinor: money(r.value, `${path}.amountMinor`) };
    }
  };
  const cap = (countText: string, amountText: string, path: string) => {
    const c = countText.trim() === '' ? undefined : whole(countText, `${path}.count`);
    const a = amountText.trim() === '' ? undefined : money(amountText, `${path}.amountMinor`);
    if (c === undefined && a === undefined) return undefined;
    return { ...(c !== undefined ? { count: c } : {}), ...(a !== undefined ? { amountMinor: a } : {}) };
  };
  const score = (text: string, path: string) => {
    const t = text.trim();
    const n = /^\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
    if (Number.isNaN(n)) errors[path] = 'Enter a score from 0 to 100.';
    return n;
  };

  const monthly = cap(draft.monthlyCount, draft.monthlyAmount, 'rules.caps.perAdvocatePerMonth');
  const lifetime = cap(draft.lifetimeCount, draft.lifetimeAmount, 'rules.caps.lifetime');
  const rules: ProgramRules = {
    friendReward: draft.sides === 'advocate' ? null : reward(draft.friend, 'rules.friendReward'),
    advocateReward: draft.sides === 'friend' ? null : reward(draft.advocate, 'rules.advocateReward'),
    tiers:
      draft.sides === 'friend'
        ? []
        : draft.tiers.map((t, i) => ({
            atReferral: whole(t.atReferral, `rules.tiers.${i}.atReferral`),
            bonus: reward(t.bonus, `rules.tiers.${i}.bonus`),
          })),
    eligibility: {
      newCustomersOnly: draft.newCustomersOnly,
      minimumOrderMinor: money(draft.minimumOrder, 'rules.eligibility.minimumOrderMinor', true),
      attributionWindowDays: whole(draft.windowDays, 'rules.eligibility.attributionWindowDays'),
      attributionModel: draft.attributionModel,
    },
    holdDays: whole(draft.holdDays, 'rules.holdDays'),
    caps: { ...(monthly ? { perAdvocatePerMonth: monthly } : {}), ...(lifetime ? { lifetime } : {}) },
    fraud: {
      reviewAt: score(draft.reviewAt, 'rules.fraud.reviewAt'),
      rejectAt: score(draft.rejectAt, 'rules.fraud.rejectAt'),
      rules: Object.fromEntries(
        programFraudRuleTypes.flatMap((t) => {
          const kept = draft.fraudSettings[t];
          const enabled = draft.fraudEnabled[t];
          if (!kept && enabled) return [];
          return [[t, { ...kept, enabled }]];
        }),
      ),
    },
  };
  const parsed = programRulesSchema.safeParse(rules);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = ['rules', ...issue.path.map(String)].join('.');
      errors[key] ??= issue.message;
    }
  }
  if (draft.schedule === 'later') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.effectiveDate))
      errors.effectiveFrom = 'Choose the day it applies from.';
    else if (draft.effectiveDate <= todayIso()) errors.effectiveFrom = 'Choose a day after today.';
  }
  if (draft.name.trim() === '') errors.name = 'Give the programme a name.';
  return { rules, errors };
}

/** Today as YYYY-MM-DD in the marketer's time zone. */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The scheduled day's local midnight, as the API's ISO date; null for "now". */
export function effectiveFromOf(draft: ProgramDraft): string | null {
  if (draft.schedule !== 'later' || !draft.effectiveDate) return null;
  return new Date(`${draft.effectiveDate}T00:00:00`).toISOString();
}
