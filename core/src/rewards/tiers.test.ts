import { describe, expect, test } from 'vitest';
import { type Tier, tierSchema, tiersSchema } from '../programs/index.js';
import { tierBonusFor } from './tiers.js';

const tiers: Tier[] = [
  { atReferral: 3, bonus: { kind: 'store_credit', amountMinor: 1_000 } },
  { atReferral: 10, bonus: { kind: 'gift_card', amountMinor: 5_000 } },
  { atReferral: 1, bonus: { kind: 'points', points: 50 } },
];

describe('tierBonusFor', () => {
  test.each<[number, number | null]>([
    [0, null],
    [1, 1],
    [2, null],
    [3, 3],
    [4, null],
    [10, 10],
    [11, null],
    [-1, null],
  ])('at count %i -> tier %s', (count, atReferral) => {
    expect(tierBonusFor(tiers, count)?.atReferral ?? null).toBe(atReferral);
  });

  test('no tiers', () => {
    expect(tierBonusFor([], 1)).toBeNull();
  });
});

describe('tier schemas', () => {
  test.each<[unknown, boolean]>([
    [{ atReferral: 1, bonus: { kind: 'points', points: 5 } }, true],
    [{ atReferral: 0, bonus: { kind: 'points', points: 5 } }, false],
    [{ atReferral: 2.5, bonus: { kind: 'points', points: 5 } }, false],
    [{ atReferral: 2, bonus: { kind: 'store_credit' } }, false],
  ])('tier %j valid=%s', (input, ok) => {
    expect(tierSchema.safeParse(input).success).toBe(ok);
  });

  test('tiers must not repeat a count', () => {
    expect(tiersSchema.safeParse(tiers).success).toBe(true);
    expect(
      tiersSchema.safeParse([...tiers, { atReferral: 3, bonus: { kind: 'points', points: 1 } }]).success,
    ).toBe(false);
  });
});
