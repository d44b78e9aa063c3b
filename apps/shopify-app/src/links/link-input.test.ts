import { describe, expect, test } from 'vitest';
import { linkPathSchema, linkShopSchema, readCookie, storefrontUrl, visitorIdSchema } from './link-input.js';

describe('linkPathSchema', () => {
  test.each([
    ['/products/red-shoe', true],
    ['/collections/all?sort=price', true],
    ['/', true],
    ['//evil.com', false],
    ['/\\evil.com', false],
    ['\\\\evil.com', false],
    ['/\t/evil.com', false],
    ['/\n/evil.com', false],
    ['/ /evil.com', false],
    ['https://evil.com', false],
    ['javascript:alert(1)', false],
    ['evil.com', false],
    ['', false],
    [`/${'a'.repeat(1024)}`, false],
  ])('%j -> %s', (path, ok) => {
    expect(linkPathSchema.safeParse(path).success).toBe(ok);
  });
});

describe('linkShopSchema', () => {
  test.each([
    ['acme', 'acme.myshopify.com'],
    ['Acme-Store', 'acme-store.myshopify.com'],
    ['acme.myshopify.com', 'acme.myshopify.com'],
    [' ACME.MYSHOPIFY.COM ', 'acme.myshopify.com'],
  ])('%j -> %s', (shop, domain) => {
    expect(linkShopSchema.parse(shop)).toBe(domain);
  });
  test.each(['evil.com', 'acme.myshopify.com.evil.com', '-acme', 'acme/x', '', ['a', 'b'], undefined])(
    'refuses %j',
    (shop) => {
      expect(linkShopSchema.safeParse(shop).success).toBe(false);
    },
  );
});

test('readCookie finds one cookie among others and tolerates junk', () => {
  expect(readCookie('a=1; _rv=abc; b=2', '_rv')).toBe('abc');
  expect(readCookie('x_rv=1;_rv=2', '_rv')).toBe('2');
  expect(readCookie('garbage; =; _rv', '_rv')).toBeUndefined();
  expect(readCookie(undefined, '_rv')).toBeUndefined();
});

test('visitor ids must be UUIDs and are lower-cased', () => {
  expect(visitorIdSchema.parse('6F9619FF-8B86-4D01-B42D-00CF4FC964FF')).toBe(
    '6f9619ff-8b86-4d01-b42d-00cf4fc964ff',
  );
  expect(visitorIdSchema.safeParse('not-a-uuid').success).toBe(false);
});

test('storefrontUrl keeps the stored shop as the host whatever the path', () => {
  expect(storefrontUrl('acme.myshopify.com', '/p/x?v=1', { ref: 'AB12', rv: 'r' })).toBe(
    'https://acme.myshopify.com/p/x?v=1&ref=AB12&rv=r',
  );
  // Even a path that slipped past the schema cannot change the host.
  expect(storefrontUrl('acme.myshopify.com', '//evil.com/x', { ref: 'AB12' })).toBe(
    'https://acme.myshopify.com/?ref=AB12',
  );
  expect(storefrontUrl('acme.myshopify.com', undefined, {})).toBe('https://acme.myshopify.com/');
});

test("storefrontUrl in the sandbox keeps the local storefront's origin whatever the path", () => {
  const local = 'http://127.0.0.1:3004';
  expect(storefrontUrl('sandbox.myshopify.com', '/apps/referrals/invite/AB12', { ref: 'AB12' }, local)).toBe(
    'http://127.0.0.1:3004/apps/referrals/invite/AB12?ref=AB12',
  );
  expect(storefrontUrl('sandbox.myshopify.com', '//evil.com/x', {}, local)).toBe('http://127.0.0.1:3004/');
});
