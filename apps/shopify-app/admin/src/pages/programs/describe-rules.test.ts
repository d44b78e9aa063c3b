import type { ProgramRules } from '@referrals/shopify-app/admin-contract';
import { describe, expect, test } from 'vitest';
import { describeReward, diffRules, previewDetails, previewSentence } from './describe-rules.js';
import { defaultRules } from './program-draft.js';

const usd = { currency: 'USD', locale: 'en-US' };
const rules = (overrides: Partial<ProgramRules> = {}): ProgramRules => ({
  ...defaultRules('USD'),
  ...overrides,
});

describe('previewSentence', () => {
  test('the issue’s example, word for word', () => {
    const r = rules({ eligibility: { ...rules().eligibility, minimumOrderMinor: 5000 } });
    expect(previewSentence(r, usd)).toBe(
      'Your friend gets 15% off their first order over $50.00; you get $10.00 store credit 14 days after their order.',
    );
  });

  test('one-sided programmes and rewards given after the order', () => {
    expect(previewSentence(rules({ advocateReward: null }), usd)).toBe(
      'Your friend gets 15% off their first order.',
    );
    expect(previewSentence(rules({ friendReward: null, holdDays: 1 }), usd)).toBe(
      'You get $10.00 store credit 1 day after a friend’s first order.',
    );
    const returning = rules({
      friendReward: { kind: 'points', points: 500 },
      eligibility: { ...rules().eligibility, newCustomersOnly: false },
    });
    expect(previewSentence(returning, usd)).toBe(
      'Your friend gets 500 points 14 days after their order; you get $10.00 store credit 14 days after their order.',
    );
  });

  test('in the shop’s currency and locale', () => {
    expect(previewSentence(rules(), { currency: 'EUR', locale: 'de-DE' })).toMatch(/10,00\s€ store credit/);
  });
});

test('describeReward covers every kind', () => {
  expect(describeReward({ kind: 'fixed_discount', amountMinor: 500 }, usd)).toBe('$5.00 off');
  expect(describeReward({ kind: 'gift_card', amountMinor: 2500 }, usd)).toBe('a $25.00 gift card');
  expect(describeReward({ kind: 'store_credit', bps: 1000 }, usd)).toBe(
    'store credit worth 10% of the order',
  );
  expect(describeReward(null, usd)).toBe('Nothing');
});

test('previewDetails lists tiers, caps and fraud thresholds', () => {
  const details = previewDetails(
    rules({
      tiers: [{ atReferral: 3, bonus: { kind: 'gift_card', amountMinor: 2000 } }],
      caps: { perAdvocatePerMonth: { count: 5, amountMinor: 10_000 } },
    }),
    usd,
  );
  expect(details).toContain('Bonus: a $20.00 gift card at the 3rd successful referral.');
  expect(details).toContain('Each advocate earns at most 5 rewards and $100.00 in rewards a month.');
  expect(details).toContain('Referrals scoring 50 or more wait for your review; 80 or more are rejected.');
});

describe('diffRules', () => {
  test('names each changed field with before and after, in words', () => {
    const before = rules();
    const after = rules({
      friendReward: { kind: 'percent_discount', bps: 2000 },
      holdDays: 30,
      eligibility: { ...before.eligibility, attributionModel: 'first_touch' },
      fraud: { ...before.fraud, rules: { velocity: { enabled: false } } },
    });
    expect(diffRules(before, after, usd)).toEqual([
      { field: 'Friend reward', before: '15% off', after: '20% off' },
      { field: 'Attribution', before: 'Last touch', after: 'First touch' },
      { field: 'Hold before release', before: '14 days', after: '30 days' },
      {
        field: 'Fraud check: Advocate refers unusually many friends in an hour or a day',
        before: 'On',
        after: 'Off',
      },
    ]);
  });

  test('identical rules have no changes', () => {
    expect(diffRules(rules(), rules(), usd)).toEqual([]);
  });
});
