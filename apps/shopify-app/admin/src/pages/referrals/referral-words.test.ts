import { expect, test } from 'vitest';
import { readableReason } from './referral-words.js';

test("the engine's reasons read without ids, raw timestamps or rule keys", () => {
  const advocate = 'a95899f1-d27b-4541-af68-d975bd22f345';
  const text = readableReason(
    `Kept: code 'cart attribute J8MPA9D9' for advocate ${advocate} at 2026-12-04T03:10:34.632Z (explicit_signal); approved by staff:42`,
    { [advocate]: 'grace@example.com' },
  );
  expect(text).toContain('for advocate grace@example.com at ');
  expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
  expect(text).not.toContain('T03:10:34');
  expect(text).toContain('(explicit signal)');
  expect(text).toContain('staff member 42');
  expect(readableReason('Credited advocate 11111111-2222-4333-8444-555555555555 via code')).toBe(
    'Credited another advocate via code',
  );
});
