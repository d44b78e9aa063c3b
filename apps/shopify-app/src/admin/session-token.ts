// Every /api route: the App Bridge session token (an HS256 JWT signed with our app secret) names
// the shop; the merchant is resolved from it and nothing else, so shop A can never ask for shop B.
// The first request from a shop we don't hold a token for installs it (Shopify-managed install +
// token exchange).
import { type Database, findMerchantByShopDomain, loadConnection, type MerchantRow } from '@referrals/core';
import type { Shopify } from '@shopify/shopify-api';
import type { RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { OfflineSessions } from '../shopify/offline-sessions.js';

export type SessionTokenDeps = {
  db: Database;
  api: Shopify;
  sessions: OfflineSessions;
  encryptionKey: Buffer;
  logger: Logger;
};

/** The merchant an authenticated admin request acts for. */
export const currentMerchant = (res: Response): MerchantRow => res.locals.merchant as MerchantRow;

/** Who made the request, for the audit log: the session token's staff member (`sub`). */
export const currentStaff = (res: Response): string => `staff:${String(res.locals.staff ?? 'unknown')}`;

function unauthorized(res: Response, reason: string): void {
  // App Bridge fetches a fresh session token and retries once when it sees this header.
  res.setHeader('X-Shopify-Retry-Invalid-Session-Request', '1');
  res.status(401).json({ error: 'INVALID_SESSION_TOKEN', message: reason });
}

export function requireSessionToken(deps: SessionTokenDeps): RequestHandler {
  return async (req, res, next) => {
    try {
      const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
      if (!match?.[1]) return unauthorized(res, 'A session token is required.');
      const token = match[1];
      let shop: string | false | null;
      try {
        const payload = await deps.api.session.decodeSessionToken(token);
        shop = deps.api.utils.sanitizeShop(new URL(payload.dest).hostname);
        res.locals.staff = typeof payload.sub === 'string' ? payload.sub.slice(0, 64) : null;
      } catch {
        return unauthorized(res, 'The session token is invalid or expired.');
      }
      if (!shop) return unauthorized(res, 'The session token names no valid shop.');
      let merchant = await findMerchantByShopDomain(deps.db, shop);
      const connection = merchant
        ? await loadConnection(deps.db, deps.encryptionKey, merchant.id, 'shopify')
        : null;
      if (merchant?.status !== 'active' || connection?.status !== 'active') {
        merchant = await deps.sessions.install(shop, token);
      }
      res.locals.merchant = merchant;
      next();
    } catch (error) {
      next(error);
    }
  };
}
