import type { RewardSpec } from '@referrals/core';
import { programRulesSchema } from '@referrals/core/testing';
import { expect, test } from 'vitest';
import {
  describeFriendOffer,
  describeProgram,
  describeReward,
  describeRewardSpec,
  formatDate,
  formatMoney,
  formatPercent,
} from './format.js';

test.each<[number, string, string]>([
  [1000, 'USD', '$10.00'],
  [5, 'USD', '$0.05'],
  [123_456_789, 'USD', '$1,234,567.89'],
  [1500, 'JPY', '¥1,500'],
  [1234, 'KWD', 'KWD 1.234'],
  [999, 'EUR', '€9.99'],
  [1, 'PTS', '1 point'],
  [2500, 'PTS', '2,500 points'],
])('formatMoney(%i, %s) = %s', (minor, currency, expected) => {
  expect(formatMoney(minor, currency).replace(/\u00a0/g, ' ')).toBe(expected);
});

test.each<[number, string]>([
  [1500, '15%'],
  [1250, '12.5%'],
  [1, '0.01%'],
  [10_000, '100%'],
])('formatPercent(%i) = %s', (bps, expected) => {
  expect(formatPercent(bps)).toBe(expected);
});

test.each<[RewardSpec, string]>([
  [{ kind: 'percent_discount', bps: 1500 }, '15% off'],
  [{ kind: 'fixed_discount', amountMinor: 500 }, '$5.00 off'],
  [{ kind: 'store_credit', amountMinor: 1000 }, '$10.00 in store credit'],
  [{ kind: 'store_credit', bps: 1000 }, 'store credit worth 10% of the order'],
  [{ kind: 'gift_card', amountMinor: 2000 }, 'a $20.00 gift card'],
  [{ kind: 'gift_card', bps: 250 }, 'a gift card worth 2.5% of the order'],
  [{ kind: 'points', points: 100 }, '100 points'],
])('describeRewardSpec(%j)', (spec, expected) => {
  expect(describeRewardSpec(spec, 'USD')).toBe(expected);
});

test('describeProgram states both sides, the minimum order and the hold', () => {
  const rules = programRulesSchema.parse({
    advocateReward: { kind: 'store_credit', amountMinor: 1000 },
    friendReward: { kind: 'percent_discount', bps: 1500 },
    eligibility: { minimumOrderMinor: 5000 },
    holdDays: 14,
  });
  const text = describeProgram(rules, 'EUR');
  expect(text.friend).toBe('Your friend gets 15% off their first order of €50.00 or more.');
  expect(text.advocate).toBe(
    'You get €10.00 in store credit for each friend who places their first order of €50.00 or more.',
  );
  expect(text.conditions.join(' ')).toMatch(/within 30 days.*confirmed 14 days after/);
  const friendOnly = describeProgram(
    programRulesSchema.parse({
      advocateReward: null,
      friendReward: { kind: 'fixed_discount', amountMinor: 500 },
    }),
    'USD',
  );
  expect(friendOnly.advocate).toBeNull();
  expect(friendOnly.friend).toBe('Your friend gets $5.00 off their first order.');
  expect(describeFriendOffer(rules, 'EUR')).toBe('15% off your first order of €50.00 or more');
  const anyOrder = programRulesSchema.parse({
    advocateReward: { kind: 'points', points: 100 },
    friendReward: null,
    eligibility: { newCustomersOnly: false },
    holdDays: 0,
  });
  expect(describeFriendOffer(anyOrder, 'USD')).toBeNull();
  expect(describeProgram(anyOrder, 'USD')).toEqual({
    advocate: 'You get 100 points for each friend who places an order.',
    friend: null,
    conditions: [
      'Your friend must buy within 30 days of following your link.',
      'Orders that are refunded or cancelled do not earn rewards, and you cannot refer yourself.',
    ],
  });
});

test('describeReward and formatDate', () => {
  expect(describeReward({ kind: 'store_credit', amountMinor: 1000, currency: 'USD', bps: null })).toBe(
    '$10.00 store credit',
  );
  expect(describeReward({ kind: 'points', amountMinor: 50, currency: 'PTS', bps: null })).toBe('50 points');
  expect(describeReward({ kind: 'percent_discount', amountMinor: 0, currency: 'USD', bps: 1000 })).toBe(
    '10% discount',
  );
  expect(formatDate(new Date('2026-03-05T23:30:00Z'))).toBe('Mar 5, 2026');
});
