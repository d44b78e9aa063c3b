// The sandbox storefront's app proxy: `/apps/referrals/*` is forwarded to the app's `/proxy/*`
// the way Shopify does it, with the shopper's query plus `shop`, `logged_in_customer_id`,
// `path_prefix` and `timestamp`, signed with the app's secret (what verify-proxy-signature.ts
// checks). A Liquid answer is what Shopify would render inside the theme: the storefront does the
// same with its own layout (the proxy's pages carry no Liquid tags of their own).
import { createHmac } from 'node:crypto';
import type { Request } from 'express';

export const PROXY_PREFIX = '/apps/referrals';

/** Shopify's proxy signature: hex HMAC-SHA256 of `key=value` sorted by key, nothing between. */
export function signedProxyQuery(
  query: URLSearchParams,
  input: { shop: string; customerId: string | null; secret: string; nowMs: number },
): URLSearchParams {
  const params = new URLSearchParams(query);
  for (const key of ['shop', 'logged_in_customer_id', 'path_prefix', 'timestamp', 'signature']) {
    params.delete(key); // Shopify's own values, never the shopper's
  }
  params.set('shop', input.shop);
  params.set('logged_in_customer_id', input.customerId ?? '');
  params.set('path_prefix', PROXY_PREFIX);
  params.set('timestamp', String(Math.floor(input.nowMs / 1000)));
  const values = new Map<string, string[]>();
  for (const [key, value] of params) values.set(key, [...(values.get(key) ?? []), value]);
  const message = [...values.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => `${key}=${values.get(key)!.join(',')}`)
    .join('');
  params.set('signature', createHmac('sha256', input.secret).update(message).digest('hex'));
  return params;
}

export type ProxyAnswer = {
  status: number;
  contentType: string;
  location: string | null;
  body: Buffer;
  /** The answer is Liquid for the theme (application/liquid): render it inside the layout. */
  liquid: boolean;
};

/** Forwards one storefront request under PROXY_PREFIX to `${appUrl}/proxy...`. */
export async function forwardToProxy(
  req: Request,
  input: { appUrl: string; shop: string; customerId: string | null; secret: string },
): Promise<ProxyAnswer> {
  const incoming = new URL(req.originalUrl, 'http://storefront.local');
  const subpath = incoming.pathname.slice(PROXY_PREFIX.length) || '/';
  const query = signedProxyQuery(incoming.searchParams, { ...input, nowMs: Date.now() });
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const res = await fetch(`${input.appUrl}/proxy${subpath === '/' ? '' : subpath}?${query}`, {
    method: req.method,
    redirect: 'manual',
    headers: {
      ...(req.headers['content-type'] ? { 'content-type': req.headers['content-type'] } : {}),
      ...(req.headers['user-agent'] ? { 'user-agent': req.headers['user-agent'] } : {}),
      accept: req.headers.accept ?? '*/*',
    },
    ...(hasBody ? { body: new Uint8Array(req.body as Buffer) } : {}),
  });
  const contentType = res.headers.get('content-type') ?? 'text/plain';
  return {
    status: res.status,
    contentType,
    location: res.headers.get('location'),
    body: Buffer.from(await res.arrayBuffer()),
    liquid: contentType.startsWith('application/liquid'),
  };
}
