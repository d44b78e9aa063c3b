// GET /r/:code?shop=<handle> - a friend opens an advocate's link: record the click, 302 to the offer page
import {
  type ClickWriter,
  type Database,
  findActiveCode,
  findActiveProgramId,
  findMerchantByShopDomain,
  findVersionInForce,
  normalizeCode,
} from '@referrals/core';
import express, { type Request, type Router } from 'express';
import type { Logger } from 'pino';
import {
  deriveSignatureKey,
  REFERRAL_SIGNATURE_PARAM,
  signReferralCode,
} from '../discounts/referral-signature.js';
import { friendOfferWords } from '../proxy/friend-pages.js';
import {
  invitePath,
  linkCodeSchema,
  linkPathSchema,
  linkShopSchema,
  readCookie,
  storefrontUrl,
  VISITOR_COOKIE,
  visitorCookie,
  visitorIdSchema,
} from './link-input.js';
import { lookupCache } from './lookup-cache.js';
import { sendInactivePage, sendPage } from './pages.js';
import { TokenBucketLimiter } from './rate-limit.js';

export type ReferralLinkDeps = {
  db: Database;
  clickWriter: ClickWriter;
  logger: Logger;
  /** How long a merchant or code lookup is reused (default 30 s): a disabled code may work that long. */
  cacheTtlMs?: number;
  /**
   * Per client IP (`req.ip`, so behind a proxy set express's `trust proxy`); default 20/s, burst 40.
   * `false` turns it off, e.g. for a load test whose traffic all comes from one loopback address.
   */
  rateLimit?: { perSecond: number; burst: number } | false;
  /** Milliseconds since the epoch; injectable so tests move the cache and bucket clocks. */
  now?: () => number;
  /**
   * The app's server secret (the encryption key of secrets at rest): with it the redirect also
   * carries `rs`, the code's signature that the friend-offer function's automatic discount checks
   * (discounts/referral-signature.ts). Without it (no Shopify side configured) links carry none.
   */
  signatureSecret?: Buffer;
  /**
   * Sandbox mode only: the origin of the local storefront that stands in for `https://{shop}`
   * (composeShopify's sandbox.storefront). Never set with real credentials.
   */
  storefrontOrigin?: string;
};

/** `signatureKey`: the merchant's derived key (hex), once per cache load rather than per click. */
type Merchant = { id: string; shopDomain: string; currency: string; signatureKey: string | null };
type Code = { id: string; advocateId: string; code: string };

/** A code's cache key: the merchant's id (a uuid, no colon) and the normalised code. */
const codeKey = (merchantId: string, code: string) => `${merchantId}:${code}`;
const splitCodeKey = (key: string): [string, string] => {
  const at = key.indexOf(':');
  return [key.slice(0, at), key.slice(at + 1)];
};

const CACHE_ENTRIES = 10_000;
const REDIRECT_HEADERS = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Content-Length': 0,
} as const;

export function referralLinkRouter(deps: ReferralLinkDeps): Router {
  const now = deps.now ?? Date.now;
  const ttlMs = deps.cacheTtlMs ?? 30_000;
  // Cache hits answer without a query; only misses (coalesced per key) go to the database.
  const merchants = lookupCache<Merchant>({
    ttlMs,
    maxEntries: CACHE_ENTRIES,
    now,
    load: async (shopDomain) => {
      const row = await findMerchantByShopDomain(deps.db, shopDomain);
      if (row?.status !== 'active' || !row.shopDomain) return null;
      const signatureKey = deps.signatureSecret ? deriveSignatureKey(deps.signatureSecret, row.id) : null;
      return { id: row.id, shopDomain: row.shopDomain, currency: row.currency, signatureKey };
    },
  });
  // What the active programme offers a friend, for the inactive-link page (key: id and currency).
  const standingOffers = lookupCache<string>({
    ttlMs,
    maxEntries: CACHE_ENTRIES,
    now,
    load: async (key) => {
      const [merchantId, currency] = splitCodeKey(key);
      const programId = await findActiveProgramId(deps.db, merchantId);
      if (!programId) return null;
      const version = await findVersionInForce(deps.db, merchantId, programId, new Date(now()));
      return friendOfferWords(version.rules, currency);
    },
  });
  const codes = lookupCache<Code>({
    ttlMs,
    maxEntries: CACHE_ENTRIES,
    now,
    load: async (key) => {
      const [merchantId, code] = splitCodeKey(key);
      const row = await findActiveCode(deps.db, merchantId, code);
      return row ? { id: row.id, advocateId: row.advocateId, code: row.code } : null;
    },
  });
  const limiter =
    deps.rateLimit === false
      ? null
      : new TokenBucketLimiter({ perSecond: 20, burst: 40, ...deps.rateLimit, now });

  const router = express.Router();
  router.get('/r/:code', async (req, res) => {
    try {
      if (limiter) {
        const decision = limiter.take(clientKey(req));
        if (!decision.allowed) {
          return sendPage(res, 'tooMany', { 'Retry-After': String(decision.retryAfterSeconds) });
        }
      }
      const query = req.query;
      const rawCode = linkCodeSchema.safeParse(req.params.code);
      const shop = linkShopSchema.safeParse(query.shop);
      if (!rawCode.success || !shop.success) return sendPage(res, 'invalid');

      const merchant = await merchants.get(shop.data);
      if (!merchant) return sendPage(res, 'invalid');
      const code = await codes.get(codeKey(merchant.id, normalizeCode(rawCode.data)));
      if (!code) {
        // Unknown, disabled or rotated all read alike: no click, and nothing tells them apart.
        return sendInactivePage(res, {
          shopUrl: storefrontUrl(merchant.shopDomain, undefined, {}, deps.storefrontOrigin),
          standingOffer: await standingOffers.get(codeKey(merchant.id, merchant.currency)),
        });
      }

      // Absent inputs skip their schema: a failed parse builds an error object on the hot path.
      const cookie = readCookie(req.headers.cookie, VISITOR_COOKIE);
      const known = cookie === undefined ? undefined : visitorIdSchema.safeParse(cookie);
      const visitorId = known?.success ? known.data : crypto.randomUUID();
      const path = query.to === undefined ? undefined : linkPathSchema.safeParse(query.to);
      // The friend lands on the offer page (the app proxy's invite page, inside the shop's theme);
      // its button goes on to `to` (checked again there) with the same ref, rv and rs.
      const location = storefrontUrl(
        merchant.shopDomain,
        invitePath(code.code),
        {
          ref: code.code,
          rv: visitorId,
          ...(merchant.signatureKey
            ? { [REFERRAL_SIGNATURE_PARAM]: signReferralCode(merchant.signatureKey, code.code) }
            : {}),
          ...(path?.success ? { to: path.data } : {}),
        },
        deps.storefrontOrigin,
      );
      // A HEAD is a link checker or prefetcher, not a friend opening the link.
      if (req.method === 'GET') {
        try {
          deps.clickWriter.record({
            merchantId: merchant.id,
            codeId: code.id,
            advocateId: code.advocateId,
            visitorId,
            ip: req.ip ?? null,
            userAgent: req.headers['user-agent'] ?? null,
            landingUrl: location,
          });
        } catch (error) {
          // Only a closed writer throws (shutting down): the friend still reaches the shop.
          deps.logger.warn({ err: error }, 'click not recorded');
        }
      }
      res.writeHead(302, {
        Location: location,
        'Set-Cookie': visitorCookie(visitorId, req.secure),
        ...REDIRECT_HEADERS,
      });
      res.end();
    } catch (error) {
      // The database is unreachable: the friend gets a page, never a stack.
      deps.logger.error({ err: error, path: req.path }, 'referral link failed');
      if (!res.headersSent) sendPage(res, 'unavailable', { 'Retry-After': '30' });
    }
  });
  return router;
}

const clientKey = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';
