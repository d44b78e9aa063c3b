import { expect, test } from 'vitest';
import { maskEmail } from './mask-email.js';

test.each([
  ['bob.builder@example.org', 'b***@example.org'],
  ['x@y.z', 'x***@y.z'],
  ['not-an-email', '***'],
])('maskEmail(%s)', (email, masked) => {
  expect(maskEmail(email)).toBe(masked);
});
