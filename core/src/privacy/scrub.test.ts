import { describe, expect, test } from 'vitest';
import { buildScrubber, REDACTED, redactPersonalKeys } from './scrub.js';

describe('buildScrubber', () => {
  const scrub = buildScrubber({
    anywhere: ['alice@example.com', 'visitor-77aa'],
    codes: ['ALICE10'],
    words: ['Al'],
  });

  test.each([
    ['email invitation to ALICE@example.com', `email invitation to ${REDACTED}`],
    ['link click by visitor visitor-77aa', `link click by visitor ${REDACTED}`],
    ['cart attribute alice10', `cart attribute ${REDACTED}`],
    // Shoppers type codes with dashes and spaces; the stored code is normalised.
    ['discount code Alice-10 and ALICE 10', `discount code ${REDACTED} and ${REDACTED}`],
    ['Approved by admin: Al is a regular', `Approved by admin: ${REDACTED} is a regular`],
    // A name only as a whole word: Albert and "Also" are someone, or something, else.
    ['Albert referred Also', 'Albert referred Also'],
    ['nothing to see', 'nothing to see'],
  ])('%s', (input, expected) => {
    expect(scrub.text(input)).toBe(expected);
  });

  test('json keeps structure, numbers, booleans and keys, and scrubs every string', () => {
    const value = { alice10: 1, list: ['alice@example.com', 2, true, null], nested: { why: 'Al said so' } };
    expect(scrub.json(value)).toEqual({
      alice10: 1,
      list: [REDACTED, 2, true, null],
      nested: { why: `${REDACTED} said so` },
    });
  });

  test('regex characters in a term are taken literally, and short or empty terms are ignored', () => {
    const literal = buildScrubber({ anywhere: ['a.b+c@x.io', '', 'ab'] });
    expect(literal.text('a.b+c@x.io axb+c@x.io ab')).toBe(`${REDACTED} axb+c@x.io ab`);
    expect(buildScrubber({ anywhere: [] }).text('unchanged')).toBe('unchanged');
  });
});

test('redactPersonalKeys removes contact details by key, wherever they sit', () => {
  expect(
    redactPersonalKeys({
      customer: { id: 7, email: 'a@b.co', phone: '+1 555', first_name: 'Al', default_address: { city: 'X' } },
      orders_requested: [1, 2],
      note: null,
    }),
  ).toEqual({
    customer: { id: 7, email: REDACTED, phone: REDACTED, first_name: REDACTED, default_address: REDACTED },
    orders_requested: [1, 2],
    note: null,
  });
});
