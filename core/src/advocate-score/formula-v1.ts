// Advocate score v1 (docs/advocate-score.md): four saturating curves worth 40 + 25 + 15 + 20 = 100
// points, less 15 per fraud flag. Each component is rounded once, half up, to whole points, so the
// points a sales rep sees add up exactly to the score. Changing any number here is a new version.
import { currencyExponent, minorToDecimal, roundDiv } from '../money/index.js';
import type { AdvocateScoreFormula, ParsedAdvocateScoreInput, ScoreComponent } from './types.js';

export const formulaV1Params = {
  /** 40 × (1 − e^(−n/3)): 11 points for the first referral, 25 at three, 40 from fourteen. */
  referrals: { max: 40, scale: 3 },
  /** Half the points at the reference, all of them at ten times it, on a log scale in between. */
  revenue: { max: 25, referenceMajor: 1_000, fullAtMultiple: 10 },
  /** Full points from 20 % of clicks buying; under 20 clicks the points shrink in proportion. */
  conversion: { max: 15, targetBps: 2_000, minimumClicks: 20 },
  /** 20 points on the day, halving every 90 days since the last successful referral. */
  recency: { max: 20, halfLifeDays: 90 },
  /** Taken per flag, never below a score of 0. */
  fraud: { pointsPerFlag: 15 },
} as const;

const DAY_MS = 86_400_000;
const P = formulaV1Params;

/**
 * `max × fraction` rounded once, half up. The product is first snapped to 9 decimals: exact anchors
 * such as half the revenue points (12.5) must not turn into 12.4999… on one engine's `Math.log`.
 */
const toPoints = (max: number, fraction: number): number =>
  Math.round(Number((max * Math.min(1, Math.max(0, fraction))).toFixed(9)));

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "USD 12,345.67": the currency's own decimals, thousands grouped, no float on the way. */
export function formatAmount(amountMinor: number, currency: string): string {
  const [whole = '0', fraction] = minorToDecimal(amountMinor, currency).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${currency} ${fraction === undefined ? grouped : `${grouped}.${fraction}`}`;
}

function referralsComponent({ successfulReferrals: n }: ParsedAdvocateScoreInput): ScoreComponent {
  const { max, scale } = P.referrals;
  return {
    key: 'referrals',
    label: 'Successful referrals',
    points: toPoints(max, 1 - Math.exp(-n / scale)),
    max,
    detail: `${plural(n, 'referral')} approved or rewarded; the first is worth ${toPoints(max, 1 - Math.exp(-1 / scale))} points, each further one less, up to ${max}.`,
  };
}

function revenueComponent(input: ParsedAdvocateScoreInput): ScoreComponent {
  const { max, referenceMajor, fullAtMultiple } = P.revenue;
  const { referredRevenueMinor: revenue, currency, otherCurrencyReferrals: others } = input;
  const referenceMinor = referenceMajor * 10 ** currencyExponent(currency);
  // ln(1 + k·x) / ln(1 + k·m) is 1 at x = m, and one half at x = 1 when (1 + k)² = 1 + k·m, i.e.
  // k = m − 2 (8 for m = 10). x is the revenue in references.
  const k = fullAtMultiple - 2;
  const x = revenue / referenceMinor;
  const fraction = Math.log1p(k * x) / Math.log1p(k * fullAtMultiple);
  const excluded = others > 0 ? ` ${plural(others, 'referred order')} in other currencies not counted.` : '';
  return {
    key: 'revenue',
    label: 'Referred revenue',
    points: toPoints(max, fraction),
    max,
    detail:
      `${formatAmount(revenue, currency)} from successful referrals, after refunds; half the points at ` +
      `${formatAmount(referenceMinor, currency)}, all at ${formatAmount(referenceMinor * fullAtMultiple, currency)}.${excluded}`,
  };
}

function conversionComponent({ clicks, purchases }: ParsedAdvocateScoreInput): ScoreComponent {
  const { max, targetBps, minimumClicks } = P.conversion;
  const base = { key: 'conversion', label: 'Click conversion', max } as const;
  if (clicks === 0) {
    return {
      ...base,
      points: 0,
      detail: `No link clicks yet, so conversion cannot be measured (${plural(purchases, 'purchase')} so far).`,
    };
  }
  // Exact in integers: max × min(1, rate / target) × min(1, clicks / minimum), one rounding.
  const rateTerm = BigInt(Math.min(purchases * 10_000, targetBps * clicks));
  const sampleTerm = BigInt(Math.min(clicks, minimumClicks));
  const points = roundDiv(
    BigInt(max) * rateTerm * sampleTerm,
    BigInt(targetBps * clicks) * BigInt(minimumClicks),
    'half-up',
  );
  const percent = roundDiv(Math.min(purchases, clicks) * 100, clicks, 'half-up');
  const more = purchases > clicks ? ' (more purchases than clicks: some friends typed the code)' : '';
  const sample =
    clicks < minimumClicks
      ? ` Only ${plural(clicks, 'click')} so far: ${clicks}/${minimumClicks} of the points until ${minimumClicks} clicks.`
      : '';
  return {
    ...base,
    points,
    detail: `${plural(purchases, 'purchase')} from ${plural(clicks, 'link click')}, ${percent} %${more}; full points from ${targetBps / 100} %.${sample}`,
  };
}

function recencyComponent({ lastReferralAt, now }: ParsedAdvocateScoreInput): ScoreComponent {
  const { max, halfLifeDays } = P.recency;
  const base = { key: 'recency', label: 'Recent activity', max } as const;
  if (!lastReferralAt) return { ...base, points: 0, detail: 'No successful referral yet.' };
  // Whole days, so the detail and the points agree; a future date (clock skew) counts as today.
  const days = Math.max(0, Math.floor((now.getTime() - lastReferralAt.getTime()) / DAY_MS));
  const when = days === 0 ? 'today' : `${plural(days, 'day')} ago`;
  return {
    ...base,
    points: toPoints(max, 2 ** (-days / halfLifeDays)),
    detail: `Last successful referral ${when}; these points halve every ${halfLifeDays} days.`,
  };
}

/** Penalty after the positive components: it takes at most what they gave, so the score floors at 0. */
function fraudComponent({ fraudFlags }: ParsedAdvocateScoreInput, earned: number): ScoreComponent {
  const { pointsPerFlag } = P.fraud;
  const penalty = fraudFlags * pointsPerFlag;
  const taken = Math.min(penalty, earned);
  const floored = taken < penalty ? ` (${penalty} in full, limited so the score stays at 0)` : '';
  return {
    key: 'fraud',
    label: 'Fraud flags',
    points: taken === 0 ? 0 : -taken,
    max: 0,
    detail:
      fraudFlags === 0
        ? 'No referral rejected for fraud or held for fraud review.'
        : `${plural(fraudFlags, 'referral')} rejected for fraud or held for fraud review: −${pointsPerFlag} each${floored}.`,
  };
}

export const formulaV1: AdvocateScoreFormula = {
  version: 'v1',
  components(input) {
    const positive = [
      referralsComponent(input),
      revenueComponent(input),
      conversionComponent(input),
      recencyComponent(input),
    ];
    const earned = positive.reduce((sum, c) => sum + c.points, 0);
    return [...positive, fraudComponent(input, earned)];
  },
};
