// The first step of every proxied request: check Shopify's signature, then find the active merchant
// behind `shop`. Nothing is read or written for a request that fails either check.
import { type Database, findMerchantByShopDomain } from '@referrals/core';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { linkShopSchema } from '../links/link-input.js';
import { messagePage } from './pages.js';
import { sendJson, sendLiquid, sendUnauthorized } from './responses.js';
import { verifyProxySignature } from './verify-proxy-signature.js';

export type ProxyContext = {
  merchant: { id: string; shopDomain: string; currency: string };
  /** Shopify's numeric customer id, or null for a logged-out visitor. */
  customerId: string | null;
  /** Where the storefront serves the proxy (`path_prefix`, default `/apps/referrals`), for links and forms. */
  prefix: string;
};

const DEFAULT_PREFIX = '/apps/referrals';
/** The same storefront path rule as the share block's `proxy_path` setting (share.js). */
const PREFIX = /^\/(?!\/)[A-Za-z0-9_/-]*$/;
const CUSTOMER_ID = /^[0-9]{1,20}$/;

/** The routes that answer JSON (the share block's fetch) rather than a page. */
export const isJsonRoute = (req: Request): boolean => req.path === '/link';

export function contextOf(res: Response): ProxyContext {
  const context = res.locals.proxy as ProxyContext | undefined;
  if (!context) throw new Error('proxy context missing: authenticateProxy must run first');
  return context;
}

export function authenticateProxy(deps: {
  db: Database;
  apiSecret: string;
  logger: Logger;
  now: () => number;
}): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    // The raw query string, so repeated parameters and their order are Shopify's, whatever
    // query parser the app is configured with.
    const query = new URL(req.originalUrl, 'http://proxy.invalid').searchParams;
    const check = verifyProxySignature(query, deps.apiSecret, { now: deps.now });
    if (!check.ok) {
      deps.logger.warn({ reason: check.reason, path: req.path }, 'app proxy request refused');
      return sendUnauthorized(res, isJsonRoute(req));
    }
    const shop = linkShopSchema.safeParse(query.get('shop') ?? '');
    const merchant = shop.success ? await findMerchantByShopDomain(deps.db, shop.data) : null;
    if (merchant?.status !== 'active' || !merchant.shopDomain) {
      return isJsonRoute(req)
        ? sendJson(res, 404, { error: 'NOT_FOUND', message: 'This shop is not using referrals.' })
        : sendLiquid(
            res,
            404,
            messagePage('Page not found', 'This shop is not running a referral programme.'),
          );
    }
    const customerId = query.get('logged_in_customer_id') ?? '';
    const prefix = (query.get('path_prefix') ?? '').replace(/\/+$/, '');
    res.locals.proxy = {
      merchant: { id: merchant.id, shopDomain: merchant.shopDomain, currency: merchant.currency },
      customerId: CUSTOMER_ID.test(customerId) ? customerId : null,
      prefix: prefix && PREFIX.test(prefix) ? prefix : DEFAULT_PREFIX,
    } satisfies ProxyContext;
    next();
  };
}
