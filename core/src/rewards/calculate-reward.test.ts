import { describe, expect, test } from 'vitest';
import { DomainError } from '../errors.js';
import { type RewardSpec, rewardSpecSchema } from '../programs/index.js';
import { type CalculatedReward, calculateReward } from './calculate-reward.js';

const order = { subtotalMinor: 12_345, currency: 'EUR' };

describe('rewardSpecSchema', () => {
  test.each<[unknown, boolean]>([
    [{ kind: 'percent_discount', bps: 1_000 }, true],
    [{ kind: 'percent_discount', bps: 1 }, true],
    [{ kind: 'percent_discount', bps: 10_000 }, true],
    [{ kind: 'percent_discount', bps: 0 }, false],
    [{ kind: 'percent_discount', bps: 10_001 }, false],
    [{ kind: 'percent_discount', bps: 12.5 }, false],
    [{ kind: 'fixed_discount', amountMinor: 500 }, true],
    [{ kind: 'fixed_discount', amountMinor: 0 }, false],
    [{ kind: 'store_credit', amountMinor: 500 }, true],
    [{ kind: 'store_credit', bps: 500 }, true],
    [{ kind: 'store_credit', amountMinor: 500, bps: 500 }, false],
    [{ kind: 'store_credit' }, false],
    [{ kind: 'gift_card', amountMinor: 2_000 }, true],
    [{ kind: 'gift_card', bps: 250 }, true],
    [{ kind: 'gift_card', amountMinor: 2_000, bps: 1 }, false],
    [{ kind: 'points', points: 100 }, true],
    [{ kind: 'points', points: 0 }, false],
    [{ kind: 'points', points: 1.5 }, false],
    [{ kind: 'cash', amountMinor: 100 }, false],
    [{}, false],
  ])('%j valid=%s', (input, ok) => {
    expect(rewardSpecSchema.safeParse(input).success).toBe(ok);
  });
});

describe('calculateReward', () => {
  test.each<[RewardSpec, { subtotalMinor: number; currency: string }, CalculatedReward]>([
    [
      { kind: 'percent_discount', bps: 1_500 },
      order,
      { kind: 'percent_discount', amountMinor: 0, currency: 'EUR', bps: 1_500 },
    ],
    [
      { kind: 'fixed_discount', amountMinor: 1_000 },
      order,
      { kind: 'fixed_discount', amountMinor: 1_000, currency: 'EUR', bps: null },
    ],
    [
      { kind: 'store_credit', amountMinor: 2_500 },
      order,
      { kind: 'store_credit', amountMinor: 2_500, currency: 'EUR', bps: null },
    ],
    // 10 % of 123.45 = 12.345 -> rounds down to 12.34
    [
      { kind: 'store_credit', bps: 1_000 },
      order,
      { kind: 'store_credit', amountMinor: 1_234, currency: 'EUR', bps: 1_000 },
    ],
    // 5 % of 99.99 = 4.9995 -> down to 4.99 (half-even would give 5.00)
    [
      { kind: 'store_credit', bps: 500 },
      { subtotalMinor: 9_999, currency: 'USD' },
      { kind: 'store_credit', amountMinor: 499, currency: 'USD', bps: 500 },
    ],
    [
      { kind: 'store_credit', bps: 10_000 },
      order,
      { kind: 'store_credit', amountMinor: 12_345, currency: 'EUR', bps: 10_000 },
    ],
    [
      { kind: 'store_credit', bps: 1 },
      { subtotalMinor: 9_999, currency: 'USD' },
      { kind: 'store_credit', amountMinor: 0, currency: 'USD', bps: 1 },
    ],
    [
      { kind: 'store_credit', bps: 1_000 },
      { subtotalMinor: 0, currency: 'USD' },
      { kind: 'store_credit', amountMinor: 0, currency: 'USD', bps: 1_000 },
    ],
    [
      { kind: 'gift_card', amountMinor: 5_000 },
      { subtotalMinor: 100, currency: 'JPY' },
      { kind: 'gift_card', amountMinor: 5_000, currency: 'JPY', bps: null },
    ],
    [
      { kind: 'gift_card', bps: 2_500 },
      { subtotalMinor: 999, currency: 'GBP' },
      { kind: 'gift_card', amountMinor: 249, currency: 'GBP', bps: 2_500 },
    ],
    [
      { kind: 'points', points: 250 },
      order,
      { kind: 'points', amountMinor: 250, currency: 'PTS', bps: null },
    ],
  ])('%j on %j', (spec, o, expected) => {
    expect(calculateReward(spec, o)).toEqual(expected);
  });

  test.each([
    ['negative subtotal', { subtotalMinor: -1, currency: 'USD' }],
    ['fractional subtotal', { subtotalMinor: 1.5, currency: 'USD' }],
    ['lowercase currency', { subtotalMinor: 100, currency: 'usd' }],
    ['points as order currency', { subtotalMinor: 100, currency: 'PTS' }],
  ])('rejects %s', (_name, o) => {
    expect(() => calculateReward({ kind: 'fixed_discount', amountMinor: 1 }, o)).toThrow(DomainError);
  });
});
