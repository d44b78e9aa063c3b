// Shopify signs every app proxy request: `signature` is hex HMAC-SHA256, under the app's API
// secret, of the other query parameters sorted by key and written `key=value` with nothing between
// them (a repeated key's values joined with ','). Checked in constant time, then for freshness.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type ProxySignatureFailure =
  /** No `signature`, or one that is not 64 hex characters. */
  | 'missing_signature'
  /** The HMAC does not match: forged, tampered with, or signed with another secret. */
  | 'bad_signature'
  /** `shop`, `timestamp` or `signature` given twice: Shopify sends each once. */
  | 'repeated_param'
  /** No `timestamp`, or one that is not whole seconds since the epoch. */
  | 'missing_timestamp'
  /** Signed too long ago (a replayed URL) or too far in the future. */
  | 'stale';

export type ProxySignatureCheck = { ok: true } | { ok: false; reason: ProxySignatureFailure };

export type ProxySignatureOptions = {
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number;
  /** Oldest accepted `timestamp`, in seconds before now (default 300). */
  maxAgeSeconds?: number;
  /** Clock skew tolerated for a `timestamp` ahead of ours, in seconds (default 60). */
  maxFutureSeconds?: number;
};

const SINGLE_VALUED = ['shop', 'timestamp', 'signature'] as const;
const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/** The string Shopify signs: every parameter but `signature`, by key in code-unit order. */
export function proxySigningString(query: URLSearchParams): string {
  const values = new Map<string, string[]>();
  for (const [key, value] of query) {
    if (key === 'signature') continue;
    values.set(key, [...(values.get(key) ?? []), value]);
  }
  return [...values.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => `${key}=${values.get(key)!.join(',')}`)
    .join('');
}

export function verifyProxySignature(
  query: URLSearchParams,
  secret: string,
  options: ProxySignatureOptions = {},
): ProxySignatureCheck {
  if (SINGLE_VALUED.some((key) => query.getAll(key).length > 1)) return fail('repeated_param');
  const signature = query.get('signature');
  // An empty secret would make every signature forgeable: fail closed.
  if (!signature || !HEX_SHA256.test(signature) || !secret) return fail('missing_signature');
  const expected = createHmac('sha256', secret).update(proxySigningString(query)).digest();
  const given = Buffer.from(signature, 'hex');
  if (!timingSafeEqual(given, expected)) return fail('bad_signature');

  const timestamp = query.get('timestamp');
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return fail('missing_timestamp');
  const ageSeconds = Math.floor((options.now ?? Date.now)() / 1000) - Number(timestamp);
  if (ageSeconds > (options.maxAgeSeconds ?? 300) || -ageSeconds > (options.maxFutureSeconds ?? 60)) {
    return fail('stale');
  }
  return { ok: true };
}

const fail = (reason: ProxySignatureFailure): ProxySignatureCheck => ({ ok: false, reason });
