// The official @shopify/shopify-api client, configured once per process. Tests, benchmarks and
// sandbox mode point its HTTP at the local emulator: every `https://{shop}/...` request the library
// makes (token exchange, refresh, Admin GraphQL) is sent to `adminOrigin` instead.
import '@shopify/shopify-api/adapters/node';
import { ApiVersion, LogSeverity, type Shopify, shopifyApi } from '@shopify/shopify-api';
import { setAbstractFetchFunc } from '@shopify/shopify-api/runtime';

export type ShopifyApiConfig = {
  apiKey: string;
  apiSecret: string;
  /** Where the app is served, e.g. https://referrals.example.com. */
  appUrl: string;
  scopes: string[];
  /** Send the library's Shopify traffic here (the emulator's URL) instead of https://{shop}. */
  adminOrigin?: string | undefined;
};

export const ADMIN_API_VERSION = ApiVersion.October26;

export function createShopifyApi(config: ShopifyApiConfig): Shopify {
  if (config.adminOrigin) routeShopifyTrafficTo(config.adminOrigin);
  const appUrl = new URL(config.appUrl);
  return shopifyApi({
    apiKey: config.apiKey,
    apiSecretKey: config.apiSecret,
    scopes: config.scopes,
    hostName: appUrl.host,
    hostScheme: appUrl.protocol === 'http:' ? 'http' : 'https',
    apiVersion: ADMIN_API_VERSION,
    isEmbeddedApp: true,
    future: {},
    logger: { level: LogSeverity.Warning, log: async () => {} },
  });
}

/**
 * The library's fetch is module state, so this is process-wide: fine, since one process talks to
 * one Shopify (the real one, or the emulator).
 */
function routeShopifyTrafficTo(origin: string): void {
  const target = new URL(origin);
  setAbstractFetchFunc(async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    if (!url.hostname.endsWith('.myshopify.com')) return fetch(input, init);
    url.protocol = target.protocol;
    url.host = target.host;
    return fetch(url, init);
  });
}
