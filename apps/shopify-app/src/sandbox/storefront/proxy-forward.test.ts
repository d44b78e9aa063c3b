import { expect, test } from 'vitest';
import { verifyProxySignature } from '../../proxy/verify-proxy-signature.js';
import { PROXY_PREFIX, signedProxyQuery } from './proxy-forward.js';

const NOW = Date.UTC(2026, 11, 4, 12);

test("the storefront's forwarded query passes the app's proxy signature check", () => {
  const query = signedProxyQuery(new URLSearchParams('ref=AB12&tags=a&tags=b'), {
    shop: 'sandbox.myshopify.com',
    customerId: '1001',
    secret: 'emulator-api-secret',
    nowMs: NOW,
  });
  expect(verifyProxySignature(query, 'emulator-api-secret', { now: () => NOW })).toEqual({ ok: true });
  expect(verifyProxySignature(query, 'another-secret', { now: () => NOW })).toEqual({
    ok: false,
    reason: 'bad_signature',
  });
  expect(query.get('path_prefix')).toBe(PROXY_PREFIX);
  expect(query.getAll('tags')).toEqual(['a', 'b']);
});

test("a shopper's own shop, customer or signature parameters are replaced by Shopify's", () => {
  const query = signedProxyQuery(
    new URLSearchParams('shop=evil.myshopify.com&logged_in_customer_id=1&signature=00&timestamp=1'),
    { shop: 'sandbox.myshopify.com', customerId: null, secret: 's3cret', nowMs: NOW },
  );
  expect(query.getAll('shop')).toEqual(['sandbox.myshopify.com']);
  expect(query.getAll('logged_in_customer_id')).toEqual(['']);
  expect(query.getAll('timestamp')).toEqual([String(NOW / 1000)]);
  expect(verifyProxySignature(query, 's3cret', { now: () => NOW })).toEqual({ ok: true });
});
