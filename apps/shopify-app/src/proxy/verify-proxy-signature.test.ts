import { createHmac } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { signProxyQuery } from './testing.js';
import { proxySigningString, verifyProxySignature } from './verify-proxy-signature.js';

const SECRET = 'proxy-test-secret';
const NOW_SECONDS = 1_800_000_000;
const now = () => NOW_SECONDS * 1000;

/** Built by hand from the definition, independently of the code under test. */
function handSigned(timestamp = NOW_SECONDS) {
  const signed = `logged_in_customer_id=42path_prefix=/apps/referralsshop=acme.myshopify.comtimestamp=${timestamp}`;
  const signature = createHmac('sha256', SECRET).update(signed).digest('hex');
  return new URLSearchParams({
    shop: 'acme.myshopify.com',
    logged_in_customer_id: '42',
    path_prefix: '/apps/referrals',
    timestamp: String(timestamp),
    signature,
  });
}

describe('verifyProxySignature', () => {
  test("Shopify's documented example: secret 'hush', a repeated parameter joined with ','", () => {
    const query = new URLSearchParams(
      'extra=1&extra=2&shop=shop-name.myshopify.com&path_prefix=%2Fapps%2Fawesome_reviews&timestamp=1317327555' +
        '&signature=a9718877bea71c2484f91608a7eaea1532bdf71f5c56825065fa4ccabe549ef3',
    );
    expect(proxySigningString(query)).toBe(
      'extra=1,2path_prefix=/apps/awesome_reviewsshop=shop-name.myshopify.comtimestamp=1317327555',
    );
    expect(verifyProxySignature(query, 'hush', { now: () => 1317327555_000 })).toEqual({ ok: true });
    expect(verifyProxySignature(query, 'hush', { now: () => 1317327555_000 + 301_000 })).toEqual({
      ok: false,
      reason: 'stale',
    });
  });

  test('a vector computed here from the definition verifies, in any parameter order', () => {
    const query = handSigned();
    expect(verifyProxySignature(query, SECRET, { now })).toEqual({ ok: true });
    const reordered = new URLSearchParams([...query].reverse());
    expect(verifyProxySignature(reordered, SECRET, { now })).toEqual({ ok: true });
    // An upper-case hex signature is the same signature.
    reordered.set('signature', query.get('signature')!.toUpperCase());
    expect(verifyProxySignature(reordered, SECRET, { now })).toEqual({ ok: true });
  });

  test('the test helper signs like Shopify, and an empty logged_in_customer_id is signed too', () => {
    const query = new URLSearchParams(
      signProxyQuery({ shop: 'acme.myshopify.com', logged_in_customer_id: '', timestamp: '1' }, SECRET),
    );
    const expected = createHmac('sha256', SECRET).update(
      'logged_in_customer_id=shop=acme.myshopify.comtimestamp=1',
    );
    expect(query.get('signature')).toBe(expected.digest('hex'));
  });

  test.each<[string, (q: URLSearchParams) => void, string]>([
    ['a changed customer id', (q) => q.set('logged_in_customer_id', '43'), 'bad_signature'],
    ['a changed shop', (q) => q.set('shop', 'evil.myshopify.com'), 'bad_signature'],
    ['an added parameter', (q) => q.append('extra', '1'), 'bad_signature'],
    ['a removed parameter', (q) => q.delete('path_prefix'), 'bad_signature'],
    ['a changed timestamp', (q) => q.set('timestamp', String(NOW_SECONDS - 1)), 'bad_signature'],
    ['one flipped signature digit', (q) => q.set('signature', flip(q.get('signature')!)), 'bad_signature'],
    ['a missing signature', (q) => q.delete('signature'), 'missing_signature'],
    ['an empty signature', (q) => q.set('signature', ''), 'missing_signature'],
    [
      'a truncated signature',
      (q) => q.set('signature', q.get('signature')!.slice(0, 62)),
      'missing_signature',
    ],
    ['a non-hex signature', (q) => q.set('signature', 'z'.repeat(64)), 'missing_signature'],
    ['a base64 signature', (q) => q.set('signature', hexToBase64(q.get('signature')!)), 'missing_signature'],
    ['a second shop', (q) => q.append('shop', 'evil.myshopify.com'), 'repeated_param'],
    ['a second signature', (q) => q.append('signature', q.get('signature')!), 'repeated_param'],
  ])('%s is refused', (_name, tamper, reason) => {
    const query = handSigned();
    tamper(query);
    expect(verifyProxySignature(query, SECRET, { now })).toEqual({ ok: false, reason });
  });

  test('another secret, or an empty one, verifies nothing', () => {
    expect(verifyProxySignature(handSigned(), 'other-secret', { now })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    const signedWithEmpty = new URLSearchParams(
      signProxyQuery({ shop: 'a.myshopify.com', timestamp: '1' }, ''),
    );
    expect(verifyProxySignature(signedWithEmpty, '', { now: () => 1000 }).ok).toBe(false);
  });

  test.each<[string, number, boolean]>([
    ['signed just now', 0, true],
    ['5 minutes old', 300, true],
    ['5 minutes and 1 second old', 301, false],
    ['an hour old', 3600, false],
    ['60 seconds ahead (clock skew)', -60, true],
    ['61 seconds ahead', -61, false],
  ])('a timestamp %s: accepted=%s', (_name, ageSeconds, accepted) => {
    const result = verifyProxySignature(handSigned(NOW_SECONDS - ageSeconds), SECRET, { now });
    expect(result).toEqual(accepted ? { ok: true } : { ok: false, reason: 'stale' });
  });

  test('the age limit is configurable', () => {
    const query = handSigned(NOW_SECONDS - 30);
    expect(verifyProxySignature(query, SECRET, { now, maxAgeSeconds: 10 })).toEqual({
      ok: false,
      reason: 'stale',
    });
  });

  test.each([
    ['missing', undefined],
    ['not a number', 'yesterday'],
    ['in milliseconds with a fraction', '1800000000.5'],
  ])('a signed timestamp that is %s is refused', (_name, timestamp) => {
    const params: Record<string, string> = { shop: 'acme.myshopify.com', logged_in_customer_id: '' };
    if (timestamp !== undefined) params.timestamp = timestamp;
    const query = new URLSearchParams(signProxyQuery(params, SECRET));
    expect(verifyProxySignature(query, SECRET, { now })).toEqual({ ok: false, reason: 'missing_timestamp' });
  });
});

const flip = (hex: string) => `${hex.slice(0, -1)}${hex.endsWith('0') ? '1' : '0'}`;
const hexToBase64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');
