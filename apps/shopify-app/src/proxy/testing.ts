// For tests: sign a query the way Shopify's app proxy does, written apart from the verifier so
// that a mistake in one is not repeated in the other.
import { createHmac } from 'node:crypto';

export type ProxyQueryParams = Record<string, string | readonly string[]>;

/**
 * The query string (without `?`) Shopify would forward for these parameters, `signature` last:
 * hex HMAC-SHA256 of `key=value` pairs sorted by key, nothing between them, repeated values joined with ','.
 */
export function signProxyQuery(params: ProxyQueryParams, secret: string): string {
  const keys = Object.keys(params).sort();
  const message = keys
    .map((key) => {
      const value = params[key]!;
      return `${key}=${typeof value === 'string' ? value : value.join(',')}`;
    })
    .join('');
  const query = new URLSearchParams();
  for (const key of keys) {
    const value = params[key]!;
    for (const one of typeof value === 'string' ? [value] : value) query.append(key, one);
  }
  query.append('signature', createHmac('sha256', secret).update(message).digest('hex'));
  return query.toString();
}

/** Shopify's usual parameters for a proxied request, signed at `nowMs` (default: now). */
export function proxyQuery(
  secret: string,
  input: { shop: string; customerId?: string | null; nowMs?: number; extra?: ProxyQueryParams },
): string {
  return signProxyQuery(
    {
      shop: input.shop,
      logged_in_customer_id: input.customerId ?? '',
      path_prefix: '/apps/referrals',
      timestamp: String(Math.floor((input.nowMs ?? Date.now()) / 1000)),
      ...input.extra,
    },
    secret,
  );
}
