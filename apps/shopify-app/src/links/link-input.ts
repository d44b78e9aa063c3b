// What a referral link may carry, checked before anything is looked up: the code, the shop it
// belongs to, an optional storefront path, and the visitor cookie. Everything here is request
// input, so nothing in it ever chooses the host we redirect to.
import { z } from 'zod';

/** The `:code` path segment; stored codes are normalised (see core's normalizeCode). */
export const linkCodeSchema = z.string().regex(/^[A-Za-z0-9_-]{3,32}$/);

const MYSHOPIFY = '.myshopify.com';

/** `?shop=` as a handle (`acme`) or a myshopify domain (`acme.myshopify.com`) -> the domain. */
export const linkShopSchema = z
  .string()
  .max(80)
  .transform((shop) => shop.trim().toLowerCase())
  .pipe(z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}(\.myshopify\.com)?$/))
  .transform((shop) => (shop.endsWith(MYSHOPIFY) ? shop : `${shop}${MYSHOPIFY}`));

/**
 * `?to=` is a path on the merchant's storefront: one leading slash (`//host` is protocol-relative),
 * no backslash (browsers read `/\host` as `//host`), no control characters or spaces (the URL
 * parser drops tabs and newlines, which would turn `/\t/host` into `//host`), and no scheme.
 */
export const linkPathSchema = z
  .string()
  .max(1024)
  .refine(
    (path) =>
      path.startsWith('/') &&
      !path.startsWith('//') &&
      !path.includes('\\') &&
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse.
      !/[\u0000-\u0020\u007f]/.test(path),
  );

/** The `_rv` cookie: a visitor id we issued (a UUID). */
export const visitorIdSchema = z.uuid().transform((id) => id.toLowerCase());

export const VISITOR_COOKIE = '_rv';
const ONE_YEAR_SECONDS = 31_536_000;

/** The value of one cookie in a Cookie header, or undefined. No decoding: our values are plain. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function visitorCookie(visitorId: string, secure: boolean): string {
  return `${VISITOR_COOKIE}=${visitorId}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/**
 * Where the app proxy serves the storefront pages (shopify.app.toml's `[app_proxy]` prefix and
 * subpath). A merchant who renames the proxy in the Shopify admin must keep this path working.
 */
export const STOREFRONT_PROXY_PREFIX = '/apps/referrals';

/** The friend's offer page for a code on the storefront (proxy/friend-routes.ts `GET /invite/:code`). */
export const invitePath = (code: string): string =>
  `${STOREFRONT_PROXY_PREFIX}/invite/${encodeURIComponent(code)}`;

/**
 * The storefront URL for a click, built from the merchant's stored shop domain. The origin check
 * is a second guard behind linkPathSchema: whatever the path, the host stays the shop's.
 */
export function storefrontUrl(
  shopDomain: string,
  path: string | undefined,
  params: Record<string, string>,
  /** Sandbox mode only: the local storefront (sandbox/storefront/) stands in for https://{shop}. */
  storefrontOrigin?: string,
): string {
  const origin = new URL(storefrontOrigin ?? `https://${shopDomain}/`);
  let url = path ? new URL(path, origin) : origin;
  if (url.origin !== origin.origin) url = origin;
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.href;
}
