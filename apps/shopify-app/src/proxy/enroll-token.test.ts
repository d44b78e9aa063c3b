import { expect, test } from 'vitest';
import { checkEnrollToken, issueEnrollToken } from './enroll-token.js';

const subject = { apiSecret: 'secret', merchantId: 'm-1', customerId: '42', nowMs: 1_800_000_000_000 };

test('a token checks for its own shop and customer only, for a day', () => {
  const token = issueEnrollToken(subject);
  expect(token).toMatch(/^1800000000\.[0-9a-f]{64}$/);
  expect(checkEnrollToken(token, subject)).toBe(true);
  expect(checkEnrollToken(token, { ...subject, nowMs: subject.nowMs + 24 * 3600_000 })).toBe(true);
  expect(checkEnrollToken(token, { ...subject, nowMs: subject.nowMs + 24 * 3600_000 + 1000 })).toBe(false);
  expect(checkEnrollToken(token, { ...subject, customerId: '43' })).toBe(false);
  expect(checkEnrollToken(token, { ...subject, merchantId: 'm-2' })).toBe(false);
  expect(checkEnrollToken(token, { ...subject, apiSecret: 'other' })).toBe(false);
});

test.each(['', 'x', '1800000000', `1800000000.${'0'.repeat(64)}`, `1800000001.${'a'.repeat(63)}`])(
  'a malformed or forged token %j fails',
  (token) => {
    expect(checkEnrollToken(token, subject)).toBe(false);
  },
);

test('a token whose time was moved fails', () => {
  const [, hex] = issueEnrollToken(subject).split('.');
  expect(checkEnrollToken(`1800000100.${hex}`, { ...subject, nowMs: subject.nowMs + 200_000 })).toBe(false);
});
