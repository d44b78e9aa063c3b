import { describe, expect, test } from 'vitest';
import { formatDate, formatMinor, pickLocale } from './format';

describe('formatMinor', () => {
  test.each([
    [0, 'USD', '$0.00'],
    [1, 'USD', '$0.01'],
    [123450, 'USD', '$1,234.50'],
    [1999, 'EUR', '€19.99'],
    [500, 'JPY', '¥500'],
    [1234, 'KWD', 'KWD 1.234'],
  ])('%i %s is %s', (minor, currency, expected) => {
    // Intl separates a code-style symbol with a no-break space.
    expect(formatMinor(minor, currency).replace(/\u00a0/g, ' ')).toBe(expected);
  });

  test('follows the locale', () => {
    expect(formatMinor(123450, 'EUR', 'de-DE').replace(/\u00a0/g, ' ')).toBe('1.234,50 €');
  });
});

describe('formatDate', () => {
  test('uses the portal time zone', () => {
    expect(formatDate('2026-05-01T02:00:00.000Z', 'America/New_York')).toBe('Apr 30, 2026');
    expect(formatDate('2026-05-01T02:00:00.000Z', 'Europe/Paris')).toBe('May 1, 2026');
  });

  test('falls back to UTC for an unknown zone and to the raw text for a non-date', () => {
    expect(formatDate('2026-05-01T02:00:00.000Z', 'Mars/Olympus')).toBe('May 1, 2026');
    expect(formatDate('soon', 'UTC')).toBe('soon');
  });
});

test.each([
  [undefined, 'en-US'],
  ['fr-fr', 'fr-FR'],
  ['not a locale!', 'en-US'],
])('pickLocale(%j) is %s', (locale, expected) => {
  expect(pickLocale(locale)).toBe(expected);
});
