import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DomainError } from '../errors.js';
import { advocateScoreFormulas, CURRENT_FORMULA } from './formulas.js';
import { scoreAdvocate } from './score-advocate.js';
import type { AdvocateScoreInput, ScoreComponentKey } from './types.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);

const fresh: AdvocateScoreInput = {
  successfulReferrals: 0,
  referredRevenueMinor: 0,
  currency: 'USD',
  clicks: 0,
  purchases: 0,
  lastReferralAt: null,
  fraudFlags: 0,
  now: NOW,
};
/** The worked example in docs/advocate-score.md. */
const maria: Partial<AdvocateScoreInput> = {
  successfulReferrals: 4,
  referredRevenueMinor: 185_000,
  clicks: 32,
  purchases: 5,
  lastReferralAt: daysAgo(21),
  fraudFlags: 1,
};
const KEYS: ScoreComponentKey[] = ['referrals', 'revenue', 'conversion', 'recency', 'fraud'];
type Points = [referrals: number, revenue: number, conversion: number, recency: number, fraud: number];

const pointsOf = (input: AdvocateScoreInput) => {
  const result = scoreAdvocate(input);
  return { result, points: KEYS.map((key) => result.components.find((c) => c.key === key)!.points) };
};

describe('scoreAdvocate v1', () => {
  test.each<[string, Partial<AdvocateScoreInput>, Points, number]>([
    ['new advocate', {}, [0, 0, 0, 0, 0], 0],
    // 40(1-e^-1/3) = 11.3; 25 ln(1.8)/ln(81) = 3.3; 15 × (10 %/20 %) × 10/20 = 3.75; 20 × 2^(-1/90) = 19.8
    [
      'one referral yesterday',
      {
        successfulReferrals: 1,
        referredRevenueMinor: 10_000,
        clicks: 10,
        purchases: 1,
        lastReferralAt: daysAgo(1),
      },
      [11, 3, 4, 20, 0],
      38,
    ],
    [
      'many referrals saturate every curve',
      {
        successfulReferrals: 30,
        referredRevenueMinor: 3_000_000,
        clicks: 200,
        purchases: 40,
        lastReferralAt: daysAgo(0),
      },
      [40, 25, 15, 20, 0],
      100,
    ],
    ['fourteen referrals reach the referral cap', { successfulReferrals: 14 }, [40, 0, 0, 0, 0], 40],
    ['thirteen do not', { successfulReferrals: 13 }, [39, 0, 0, 0, 0], 39],
    // The reference is 1,000 major units in every currency: half the revenue points (12.5, up).
    [
      'USD 1,000.00',
      { successfulReferrals: 1, referredRevenueMinor: 100_000, lastReferralAt: daysAgo(90) },
      [11, 13, 0, 10, 0],
      34,
    ],
    [
      'JPY 1,000 (no decimals)',
      { successfulReferrals: 1, referredRevenueMinor: 1_000, currency: 'JPY', lastReferralAt: daysAgo(90) },
      [11, 13, 0, 10, 0],
      34,
    ],
    [
      'KWD 1,000.000 (three decimals)',
      {
        successfulReferrals: 1,
        referredRevenueMinor: 1_000_000,
        currency: 'KWD',
        lastReferralAt: daysAgo(90),
      },
      [11, 13, 0, 10, 0],
      34,
    ],
    [
      'JPY 100,000 is ten references and more: full',
      { successfulReferrals: 1, referredRevenueMinor: 100_000, currency: 'JPY', lastReferralAt: daysAgo(90) },
      [11, 25, 0, 10, 0],
      46,
    ],
    [
      'USD 100,000 minor is only USD 1,000.00',
      { successfulReferrals: 1, referredRevenueMinor: 100_000, currency: 'USD', lastReferralAt: daysAgo(90) },
      [11, 13, 0, 10, 0],
      34,
    ],
    // 100 % of 2 clicks: 15 × 1 × 2/20 = 1.5 -> 2, not 15.
    [
      'low click sample gets partial credit',
      {
        successfulReferrals: 2,
        referredRevenueMinor: 20_000,
        clicks: 2,
        purchases: 2,
        lastReferralAt: daysAgo(0),
      },
      [19, 5, 2, 20, 0],
      46,
    ],
    ['more purchases than clicks counts as 100 %', { clicks: 3, purchases: 5 }, [0, 0, 2, 0, 0], 2],
    // 30 % of 50 clicks is over the 20 % target; 20 × 2^(-30/90) = 15.9
    [
      'high conversion with a full sample',
      {
        successfulReferrals: 5,
        referredRevenueMinor: 75_000,
        clicks: 50,
        purchases: 15,
        lastReferralAt: daysAgo(30),
      },
      [32, 11, 15, 16, 0],
      74,
    ],
    ['5 % conversion earns a quarter', { clicks: 100, purchases: 5 }, [0, 0, 4, 0, 0], 4],
    ['clicks without purchases', { clicks: 500 }, [0, 0, 0, 0, 0], 0],
    [
      'referral 90 days ago: half the recency',
      { successfulReferrals: 1, lastReferralAt: daysAgo(90) },
      [11, 0, 0, 10, 0],
      21,
    ],
    [
      'referral 180 days ago: a quarter',
      { successfulReferrals: 1, lastReferralAt: daysAgo(180) },
      [11, 0, 0, 5, 0],
      16,
    ],
    [
      'referral 89.9 days ago counts as 89 days',
      { successfulReferrals: 1, lastReferralAt: daysAgo(89.9) },
      [11, 0, 0, 10, 0],
      21,
    ],
    ['referral a year ago', { successfulReferrals: 1, lastReferralAt: daysAgo(365) }, [11, 0, 0, 1, 0], 12],
    [
      'referral dated in the future counts as today',
      { successfulReferrals: 1, lastReferralAt: daysAgo(-2) },
      [11, 0, 0, 20, 0],
      31,
    ],
    // 25 + 7 + 8 + 19 = 59, less 2 × 15
    [
      'fraud flags pull the score down',
      {
        successfulReferrals: 3,
        referredRevenueMinor: 30_000,
        clicks: 10,
        purchases: 4,
        lastReferralAt: daysAgo(10),
        fraudFlags: 2,
      },
      [25, 7, 8, 19, -30],
      29,
    ],
    // 11 + 0 + 0 + 4 = 15: three flags would take 45, only 15 are there to take.
    [
      'fraud floors the score at 0',
      { successfulReferrals: 1, lastReferralAt: daysAgo(200), fraudFlags: 3 },
      [11, 0, 0, 4, -15],
      0,
    ],
    ['fraud flags on nothing take nothing', { fraudFlags: 4, clicks: 30 }, [0, 0, 0, 0, 0], 0],
    ['the worked example of docs/advocate-score.md', maria, [29, 16, 12, 17, -15], 59],
  ])('%s', (_name, overrides, expected, score) => {
    const { result, points } = pointsOf({ ...fresh, ...overrides });
    expect(points).toEqual(expected);
    expect(result.score).toBe(score);
    expect(result.components.reduce((sum, c) => sum + c.points, 0)).toBe(result.score);
    expect(result.formulaVersion).toBe('v1');
    expect(result.computedAt).toEqual(NOW);
  });

  test('components come in a fixed order with their maxima summing to 100', () => {
    const { components } = scoreAdvocate(fresh);
    expect(components.map((c) => [c.key, c.max])).toEqual([
      ['referrals', 40],
      ['revenue', 25],
      ['conversion', 15],
      ['recency', 20],
      ['fraud', 0],
    ]);
  });

  test.each<[string, Partial<AdvocateScoreInput>, ScoreComponentKey, RegExp]>([
    [
      'revenue in the currency',
      { referredRevenueMinor: 123_456_789 },
      'revenue',
      /^USD 1,234,567\.89 from successful referrals, after refunds; half the points at USD 1,000\.00, all at USD 10,000\.00\.$/,
    ],
    [
      'yen without decimals',
      { referredRevenueMinor: 1_500, currency: 'JPY' },
      'revenue',
      /^JPY 1,500 from .* at JPY 1,000, all at JPY 10,000\.$/,
    ],
    [
      'orders in other currencies',
      { otherCurrencyReferrals: 2 },
      'revenue',
      /2 referred orders in other currencies not counted\.$/,
    ],
    [
      'a small sample',
      { clicks: 3, purchases: 1 },
      'conversion',
      /1 purchase from 3 link clicks, 33 %; .* Only 3 clicks so far: 3\/20 of the points/,
    ],
    [
      'no clicks',
      { purchases: 2 },
      'conversion',
      /No link clicks yet, so conversion cannot be measured \(2 purchases so far\)\./,
    ],
    [
      'days since',
      { successfulReferrals: 1, lastReferralAt: daysAgo(45.5) },
      'recency',
      /Last successful referral 45 days ago; these points halve every 90 days\./,
    ],
    [
      'the first referral',
      { successfulReferrals: 1 },
      'referrals',
      /^1 referral approved or rewarded; the first is worth 11 points/,
    ],
    [
      'the floor',
      { successfulReferrals: 1, fraudFlags: 2 },
      'fraud',
      /2 referrals rejected for fraud or held for fraud review: −15 each \(30 in full, limited so the score stays at 0\)\./,
    ],
    ['no flags', {}, 'fraud', /^No referral rejected for fraud/],
  ])('explains %s', (_name, overrides, key, detail) => {
    const component = scoreAdvocate({ ...fresh, ...overrides }).components.find((c) => c.key === key)!;
    expect(component.detail).toMatch(detail);
  });

  test('the worked example shows the details the docs quote', () => {
    expect(scoreAdvocate({ ...fresh, ...maria }).components.map((c) => c.detail)).toEqual([
      '4 referrals approved or rewarded; the first is worth 11 points, each further one less, up to 40.',
      'USD 1,850.00 from successful referrals, after refunds; half the points at USD 1,000.00, all at USD 10,000.00.',
      '5 purchases from 32 link clicks, 16 %; full points from 20 %.',
      'Last successful referral 21 days ago; these points halve every 90 days.',
      '1 referral rejected for fraud or held for fraud review: −15 each.',
    ]);
  });

  test.each<[string, Partial<AdvocateScoreInput>]>([
    ['negative referrals', { successfulReferrals: -1 }],
    ['fractional clicks', { clicks: 1.5 }],
    ['negative revenue', { referredRevenueMinor: -100 }],
    ['lowercase currency', { currency: 'usd' }],
    ['invalid date', { now: new Date(Number.NaN) }],
  ])('rejects %s', (_name, overrides) => {
    expect(() => scoreAdvocate({ ...fresh, ...overrides })).toThrow(DomainError);
  });

  test('the current formula is registered under its own version', () => {
    expect(advocateScoreFormulas[CURRENT_FORMULA].version).toBe(CURRENT_FORMULA);
    expect(scoreAdvocate(fresh, 'v1')).toEqual(scoreAdvocate(fresh));
  });
});

const inputArb = fc.record({
  successfulReferrals: fc.nat(200),
  referredRevenueMinor: fc.nat(10 ** 12),
  currency: fc.constantFrom('USD', 'JPY', 'KWD', 'EUR'),
  otherCurrencyReferrals: fc.nat(5),
  clicks: fc.nat(10_000),
  purchases: fc.nat(500),
  lastReferralAt: fc.option(fc.integer({ min: -10, max: 2_000 }).map(daysAgo)),
  fraudFlags: fc.nat(10),
  now: fc.constant(NOW),
});

describe('scoreAdvocate properties', () => {
  test('always a whole number in 0..100, equal to the sum of its components', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { score, components } = scoreAdvocate(input);
        expect(Number.isInteger(score) && score >= 0 && score <= 100).toBe(true);
        expect(components.reduce((sum, c) => sum + c.points, 0)).toBe(score);
        for (const c of components) {
          expect(Number.isInteger(c.points)).toBe(true);
          expect(c.key === 'fraud' ? c.points <= 0 : c.points >= 0 && c.points <= c.max).toBe(true);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  test('more successful referrals or more revenue never lower the score', () => {
    fc.assert(
      fc.property(inputArb, fc.nat(50), fc.nat(10 ** 9), (input, moreReferrals, moreRevenue) => {
        const base = scoreAdvocate(input).score;
        expect(
          scoreAdvocate({ ...input, successfulReferrals: input.successfulReferrals + moreReferrals }).score,
        ).toBeGreaterThanOrEqual(base);
        expect(
          scoreAdvocate({ ...input, referredRevenueMinor: input.referredRevenueMinor + moreRevenue }).score,
        ).toBeGreaterThanOrEqual(base);
      }),
      { numRuns: 1_000 },
    );
  });

  test('a fraud flag never raises the score, an older referral never raises it', () => {
    fc.assert(
      fc.property(inputArb, fc.nat(400), (input, extraDays) => {
        const base = scoreAdvocate(input).score;
        expect(scoreAdvocate({ ...input, fraudFlags: input.fraudFlags + 1 }).score).toBeLessThanOrEqual(base);
        const older = input.lastReferralAt && new Date(input.lastReferralAt.getTime() - extraDays * DAY);
        expect(scoreAdvocate({ ...input, lastReferralAt: older }).score).toBeLessThanOrEqual(base);
      }),
      { numRuns: 1_000 },
    );
  });

  test('the same input gives the same score and components', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(scoreAdvocate(input)).toEqual(scoreAdvocate(structuredClone(input)));
      }),
      { numRuns: 200 },
    );
  });
});
