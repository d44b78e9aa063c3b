import { describe, expect, test } from 'vitest';
import { DomainError } from '../errors.js';
import { CODE_ALPHABET, generateCode, normalizeCode, validateVanityCode } from './codes.js';

/** A random source that replays the given bytes, cycling. */
const replay = (bytes: number[]) => {
  let i = 0;
  return (n: number) => Uint8Array.from({ length: n }, () => bytes[i++ % bytes.length] ?? 0);
};

describe('CODE_ALPHABET', () => {
  test('has 30 unique characters and no look-alikes', () => {
    expect(new Set(CODE_ALPHABET).size).toBe(30);
    expect(CODE_ALPHABET).not.toMatch(/[01OILU]/);
  });
});

describe('generateCode', () => {
  test('defaults to 8 characters from the alphabet', () => {
    const code = generateCode();
    expect(code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{8}$`));
  });

  test.each([1, 6, 12, 64])('length %i', (length) => {
    expect(generateCode(length)).toHaveLength(length);
  });

  test.each([
    [[0, 1, 29, 30], 4, '23Z2'],
    [[255, 240, 0], 2, '22'], // 240..255 are rejected
    [[239, 59, 60], 3, 'ZZ2'], // 239 % 30 = 29, 59 % 30 = 29, 60 % 30 = 0
  ])('maps bytes %j deterministically', (bytes, length, expected) => {
    expect(generateCode(length, replay(bytes))).toBe(expected);
  });

  test('keeps drawing while every byte is rejected', () => {
    let calls = 0;
    const random = (n: number) => {
      calls += 1;
      return new Uint8Array(n).fill(calls < 3 ? 250 : 5);
    };
    expect(generateCode(4, random)).toBe('7777');
    expect(calls).toBe(3);
  });

  test('accepted byte values cover the alphabet evenly (no modulo bias)', () => {
    const counts = new Map<string, number>();
    for (let byte = 0; byte < 256; byte += 1) {
      const char = generateCode(1, replay([byte, 0]));
      if (byte < 240) counts.set(char, (counts.get(char) ?? 0) + 1);
      else expect(char).toBe('2'); // rejected, fell through to the next byte (0)
    }
    expect(counts.size).toBe(30);
    expect(new Set(counts.values())).toEqual(new Set([8]));
  });

  test.each([0, -1, 1.5, 65])('rejects length %s', (length) => {
    expect(() => generateCode(length)).toThrow(DomainError);
  });
});

describe('normalizeCode', () => {
  test.each([
    [' jane-10 ', 'JANE10'],
    ['ab cd\tef', 'ABCDEF'],
    ['A--B', 'AB'],
    ['already', 'ALREADY'],
    ['', ''],
  ])('%j -> %j', (raw, expected) => {
    expect(normalizeCode(raw)).toBe(expected);
  });
});

describe('validateVanityCode', () => {
  test.each([
    ['jane-10', 'JANE10'],
    [' Summer Sale ', 'SUMMERSALE'],
    ['ABCD', 'ABCD'],
    ['A'.repeat(24), 'A'.repeat(24)],
    ['FREEDOM', 'FREEDOM'], // reserved words match whole codes only
    ['TESTER2', 'TESTER2'],
  ])('accepts %j as %j', (raw, code) => {
    expect(validateVanityCode(raw)).toEqual({ ok: true, code });
  });

  test.each([
    ['abc', 'at least 4'],
    ['A'.repeat(25), 'at most 24'],
    ['1234', 'at least one letter'],
    ['JANE_10', 'only contain'],
    ['JANÉ10', 'only contain'],
    ['admin', 'reserved'],
    ['Free', 'reserved'],
    ['null', 'reserved'],
    ['shopify', 'reserved'],
    ['xxSHITxx', 'blocked word'],
  ])('rejects %j (%s)', (raw, reason) => {
    const result = validateVanityCode(raw);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain(reason);
  });

  test('rejects merchant-blocked codes after normalization', () => {
    expect(validateVanityCode('acme-10', { blocked: ['ACME 10'] })).toEqual({
      ok: false,
      reason: '"ACME10" is blocked by the merchant',
    });
    expect(validateVanityCode('acme-11', { blocked: ['ACME 10'] })).toEqual({ ok: true, code: 'ACME11' });
  });
});
