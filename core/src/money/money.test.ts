import { describe, expect, test } from 'vitest';
import { DomainError } from '../errors.js';
import {
  applyBasisPoints,
  currencyExponent,
  currencySchema,
  decimalToMinor,
  minorToDecimal,
  minorUnitsSchema,
  prorate,
  type RoundingMode,
  roundDiv,
} from './money.js';

const MAX = Number.MAX_SAFE_INTEGER; // 2^53 - 1

describe('roundDiv', () => {
  test.each<[string, bigint | number, bigint | number, RoundingMode, number]>([
    ['exact', 10, 2, 'half-even', 5],
    ['zero numerator', 0, 7, 'half-even', 0],
    ['negative zero result is 0', -1, 3, 'half-even', 0],
    ['half to even (down)', 5, 2, 'half-even', 2],
    ['half to even (up)', 7, 2, 'half-even', 4],
    ['half-up rounds tie away from zero', 5, 2, 'half-up', 3],
    ['down truncates', 7, 2, 'down', 3],
    ['below half', 14, 10, 'half-even', 1],
    ['above half', 16, 10, 'half-even', 2],
    ['above half, down', 19, 10, 'down', 1],
    ['negative half to even', -5, 2, 'half-even', -2],
    ['negative half-up is symmetric', -5, 2, 'half-up', -3],
    ['negative down truncates toward zero', -7, 2, 'down', -3],
    ['negative denominator', 7, -2, 'half-up', -4],
    ['both negative', -7, -2, 'half-up', 4],
    ['bigint inputs', 10n ** 20n, 10n ** 5n, 'half-even', 10 ** 15],
    ['max safe integer / 1', MAX, 1, 'half-even', MAX],
    [
      'intermediate above 2^53, tie to even',
      (BigInt(MAX) - 1n) * 10_000n + 5_000n,
      10_000,
      'half-even',
      MAX - 1,
    ],
    ['intermediate above 2^53, half-up', (BigInt(MAX) - 1n) * 10_000n + 5_000n, 10_000, 'half-up', MAX],
    ['tiny over huge', 1, MAX, 'half-even', 0],
    ['half of huge odd', MAX, 2, 'half-even', 4503599627370496],
    ['half of huge odd, down', MAX, 2, 'down', 4503599627370495],
  ])('%s: %s / %s (%s) = %s', (_name, n, d, mode, expected) => {
    expect(roundDiv(n, d, mode)).toBe(expected);
  });

  test('defaults to half-even', () => {
    expect(roundDiv(25, 10)).toBe(2);
    expect(roundDiv(35, 10)).toBe(4);
  });

  test.each<[string, bigint | number, bigint | number]>([
    ['zero denominator', 1, 0],
    ['zero bigint denominator', 1n, 0n],
    ['fractional numerator', 1.5, 2],
    ['fractional denominator', 3, 0.5],
    ['NaN', Number.NaN, 1],
    ['Infinity', Number.POSITIVE_INFINITY, 1],
    ['unsafe integer', 2 ** 53, 1],
    ['result too large', BigInt(MAX) * 4n, 2],
  ])('throws on %s', (_name, n, d) => {
    expect(() => roundDiv(n, d)).toThrow(DomainError);
  });
});

describe('applyBasisPoints', () => {
  test.each<[number, number, RoundingMode | undefined, number]>([
    [10_000, 1, undefined, 1], // 1 bp of 100.00 = 0.01
    [4_999, 1, undefined, 0], // 0.4999 -> 0
    [5_000, 1, undefined, 0], // 0.5 -> even 0
    [15_000, 1, undefined, 2], // 1.5 -> even 2
    [5_000, 1, 'half-up', 1],
    [12_345, 10_000, undefined, 12_345], // 100 %
    [12_345, 1_000, undefined, 1_234], // 1234.5 -> even 1234
    [12_355, 1_000, undefined, 1_236], // 1235.5 -> even 1236
    [12_345, 1_000, 'down', 1_234],
    [999, 2_500, 'down', 249], // 249.75
    [0, 2_500, undefined, 0],
    [-12_345, 1_000, 'half-up', -1_235], // refunds round symmetrically
    [MAX, 10_000, undefined, MAX], // amount * bps exceeds 2^53 internally
    [MAX, 5_000, 'down', 4503599627370495],
  ])('%s minor at %s bps (%s) = %s', (amount, bps, mode, expected) => {
    expect(applyBasisPoints(amount, bps, mode)).toBe(expected);
  });

  test('rejects fractional basis points', () => {
    expect(() => applyBasisPoints(100, 1.5)).toThrow(DomainError);
  });
});

describe('prorate', () => {
  test.each<[number, number, number, RoundingMode | undefined, number]>([
    [1_000, 1, 3, undefined, 333],
    [1_000, 2, 3, undefined, 667],
    [1_000, 3, 3, undefined, 1_000],
    [1_000, 5, 3, undefined, 1_000], // part clamped to whole
    [1_000, -1, 3, undefined, 0], // part clamped to 0
    [1_000, 1, 0, undefined, 0], // whole <= 0
    [1_000, 1, -4, undefined, 0],
    [5, 1, 2, undefined, 2], // 2.5 -> even 2
    [5, 1, 2, 'half-up', 3],
    [-1_000, 1, 3, 'down', -333],
    [MAX, 1, 1, undefined, MAX],
  ])('%s * %s / %s (%s) = %s', (amount, part, whole, mode, expected) => {
    expect(prorate(amount, part, whole, mode)).toBe(expected);
  });
});

describe('schemas', () => {
  test.each([
    ['USD', true],
    ['EUR', true],
    ['PTS', true],
    ['usd', false],
    ['US', false],
    ['USDT', false],
    ['', false],
  ])('currency %j valid=%s', (value, ok) => {
    expect(currencySchema.safeParse(value).success).toBe(ok);
  });

  test.each([
    [0, true],
    [-5, true],
    [MAX, true],
    [1.5, false],
    [2 ** 53, false],
    [Number.NaN, false],
  ])('minor units %s valid=%s', (value, ok) => {
    expect(minorUnitsSchema.safeParse(value).success).toBe(ok);
  });
});

describe('decimalToMinor', () => {
  test.each([
    ['123.45', 'USD', 12345],
    ['123.4', 'USD', 12340],
    ['0.00', 'EUR', 0],
    ['1500', 'JPY', 1500],
    ['1.250', 'KWD', 1250],
    ['19.990', 'USD', 1999],
    ['-5.10', 'GBP', -510],
  ])('%s %s -> %i', (amount, currency, minor) => {
    expect(decimalToMinor(amount, currency)).toBe(minor);
  });

  test.each([
    ['12.345', 'USD'],
    ['1.5', 'JPY'],
    ['abc', 'USD'],
    ['1e3', 'USD'],
  ])('refuses %s %s', (amount, currency) => {
    expect(() => decimalToMinor(amount, currency)).toThrow(/decimal|decimals/);
  });
});

describe('minorToDecimal', () => {
  test.each([
    [12345, 'USD', '123.45'],
    [5, 'USD', '0.05'],
    [0, 'EUR', '0.00'],
    [1500, 'JPY', '1500'],
    [1250, 'KWD', '1.250'],
    [-510, 'GBP', '-5.10'],
  ])('%i %s -> %s', (minor, currency, text) => {
    expect(minorToDecimal(minor, currency)).toBe(text);
    expect(decimalToMinor(text, currency)).toBe(minor);
  });

  test('refuses a fraction of a minor unit', () => {
    expect(() => minorToDecimal(1.5, 'USD')).toThrow(/minor units/);
  });
});

describe('currencyExponent', () => {
  test('answers the same on repeated (cached) calls, whatever the case of the code', () => {
    for (let i = 0; i < 3; i++) {
      expect([currencyExponent('JPY'), currencyExponent('USD'), currencyExponent('KWD')]).toEqual([0, 2, 3]);
      expect(currencyExponent('jpy')).toBe(0);
    }
  });

  test('keeps refusing a malformed code', () => {
    expect(() => currencyExponent('US')).toThrow(RangeError);
    expect(() => currencyExponent('US')).toThrow(RangeError);
  });
});
