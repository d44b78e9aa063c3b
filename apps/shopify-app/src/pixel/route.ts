// POST /pixel/checkout-completed - the storefront web pixel reports which referral visitor
// completed a checkout: per-IP limit -> size limit -> zod -> shop key -> per-shop limit -> inbox
// (external id from the checkout token, so a replay is a no-op) -> 202. The worker does the rest.
import { type Database, findMerchantByShopDomain, ingestInboundEvent } from '@referrals/core';
import express, { type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { TokenBucketLimiter } from '../links/rate-limit.js';
import { PIXEL_CHECKOUT_TOPIC, type PixelCheckoutEvent, pixelCheckoutBodySchema } from './payload.js';
import type { PixelKeys } from './pixel-key.js';

export const PIXEL_CHECKOUT_PATH = '/pixel/checkout-completed';

type Limit = { perSecond: number; burst: number };

export type PixelRouteDeps = {
  db: Database;
  logger: Logger;
  keys: PixelKeys;
  /**
   * Per client IP (`req.ip`) and per shop; `false` turns both off (a load test from one address).
   * Defaults: a shopper completes one checkout at a time (1/s, burst 5 per IP); a shop's whole
   * storefront gets 20/s, burst 200.
   */
  rateLimit?: { perClient: Limit; perShop: Limit } | false;
  now?: () => number;
};

const MAX_BODY = '4kb';

export function pixelRouter(deps: PixelRouteDeps): Router {
  const now = deps.now ?? Date.now;
  const limits =
    deps.rateLimit === false
      ? null
      : (deps.rateLimit ?? { perClient: { perSecond: 1, burst: 5 }, perShop: { perSecond: 20, burst: 200 } });
  const perClient = limits ? new TokenBucketLimiter({ ...limits.perClient, now }) : null;
  const perShop = limits ? new TokenBucketLimiter({ ...limits.perShop, now }) : null;

  const router = express.Router();
  // The pixel runs in a sandboxed worker whose origin is not the shop's; it sends no cookies and
  // reads nothing back but the status, so any origin may post. The key, not the origin, says
  // which shop installed the pixel (an Origin header proves nothing outside a browser anyway).
  router.use(PIXEL_CHECKOUT_PATH, (req, res, next) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Vary', 'Origin');
    if (req.method !== 'OPTIONS') return next();
    res.setHeader('Access-Control-Allow-Methods', 'POST');
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type');
    res.setHeader('Access-Control-Max-Age', '86400');
    res.status(204).end();
  });
  router.post(
    PIXEL_CHECKOUT_PATH,
    (req, res, next) => {
      const limited = perClient?.take(clientKey(req));
      if (limited && !limited.allowed) return tooMany(res, limited.retryAfterSeconds);
      next();
    },
    // The pixel posts a string (text/plain: no CORS preflight); any type is read as JSON text.
    express.text({ type: () => true, limit: MAX_BODY }),
    async (req, res, next) => {
      try {
        let body: unknown;
        try {
          body = JSON.parse(typeof req.body === 'string' ? req.body : '');
        } catch {
          return void res.status(400).json({ error: 'MALFORMED_JSON', message: 'The body must be JSON.' });
        }
        const parsed = pixelCheckoutBodySchema.safeParse(body);
        if (!parsed.success) {
          const issues = parsed.error.issues.slice(0, 5).map((i) => ({ path: i.path, message: i.message }));
          return void res.status(400).json({ error: 'INVALID_PAYLOAD', issues });
        }
        const { shop, key, ...event } = parsed.data;
        if (!deps.keys.verify(shop, key)) {
          deps.logger.warn({ shop }, 'pixel event with a wrong shop key refused');
          return void res.status(401).json({ error: 'INVALID_KEY' });
        }
        const limited = perShop?.take(shop);
        if (limited && !limited.allowed) return tooMany(res, limited.retryAfterSeconds);
        const merchant = await findMerchantByShopDomain(deps.db, shop);
        if (merchant?.status !== 'active') return void res.status(403).json({ error: 'SHOP_NOT_ACTIVE' });
        const stored = await ingestInboundEvent(deps.db, {
          merchantId: merchant.id,
          platform: 'shopify',
          // One event per checkout: the pixel may fire again (a reload of the thank-you page).
          externalId: `pixel:checkout:${event.checkoutToken}`,
          topic: PIXEL_CHECKOUT_TOPIC,
          payload: { ...event, occurredAt: notAfter(event.occurredAt, now()) } satisfies PixelCheckoutEvent,
        });
        res.status(202).json({ ok: true, duplicate: stored.duplicate });
      } catch (error) {
        next(error);
      }
    },
  );
  // The body parser's own refusals (too large) answer here, before the app's error handler.
  router.use(PIXEL_CHECKOUT_PATH, ((error, _req, res, next) => {
    if ((error as { type?: string }).type === 'entity.too.large') {
      return void res.status(413).json({ error: 'BODY_TOO_LARGE', message: `At most ${MAX_BODY}.` });
    }
    next(error);
  }) as express.ErrorRequestHandler);
  return router;
}

const clientKey = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

function tooMany(res: Response, retryAfterSeconds: number): void {
  res.setHeader('Retry-After', String(retryAfterSeconds));
  res.status(429).json({ error: 'RATE_LIMITED' });
}

/** A browser clock ahead of ours is clamped to the time we received the event. */
const notAfter = (iso: string, nowMs: number): string =>
  new Date(Math.min(Date.parse(iso), nowMs)).toISOString();
