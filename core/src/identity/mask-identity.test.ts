import { describe, expect, test } from 'vitest';
import { maskAddressKey, maskCustomerId, maskIpHash, maskVisitorId } from './mask-identity.js';
import { normalizeAddress } from './normalize-address.js';

describe('maskCustomerId', () => {
  test.each([
    ['7012345678', '***5678'],
    [' 12345 ', '***2345'],
    ['1234', '***'],
    ['', '***'],
  ])('%j -> %s', (id, masked) => {
    expect(maskCustomerId(id)).toBe(masked);
  });
});

describe('maskAddressKey', () => {
  test.each([
    ['12 oak st apt 4|springfield|12345|us', 'springfield, 123**, US'],
    ['1 high st|london|sw1a1aa|gb', 'london, sw1****, GB'],
    ['9 rue x|paris|75|fr', 'paris, 7*, FR'],
    ['1 main st||12345|us', '123**, US'],
    ['1 main st|||', 'street only'],
  ])('%s -> %s', (key, masked) => {
    expect(maskAddressKey(key)).toBe(masked);
  });

  test('never shows the street of a real key', () => {
    const key = normalizeAddress({ line1: '742 Evergreen Terrace', city: 'Springfield', zip: '49007' });
    expect(key).not.toBeNull();
    const masked = maskAddressKey(key!);
    expect(masked).toBe('springfield, 490**');
    expect(masked).not.toMatch(/742|evergreen/);
  });
});

describe('maskIpHash and maskVisitorId', () => {
  const masks = { maskIpHash, maskVisitorId };
  test.each<[keyof typeof masks, string, string]>([
    ['maskIpHash', 'kq3Zx0-abcdefghijklmnopqrstuvwx', 'kq3Zx0…'],
    ['maskIpHash', 'abcd', 'ab…'],
    ['maskVisitorId', '1f3a9c2e-0000-4000-8000-000000000000', '1f3a…'],
    ['maskVisitorId', 'v-1', 'v…'],
    ['maskVisitorId', ' ', '***'],
  ])('%s(%j) -> %s', (mask, value, masked) => {
    expect(masks[mask](value)).toBe(masked);
  });
});
