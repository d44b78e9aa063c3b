// /extensions/referrals - the checkout (thank-you, order status) and customer account extensions'
// backend. Every request carries the extension's session token; the shop and the customer come
// from its verified claims only, never from the body or the query.
import {
  type Database,
  enrollAdvocate,
  findActiveProgramId,
  findMerchantByShopDomain,
} from '@referrals/core';
import express, { type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { sendJson } from '../proxy/responses.js';
import type { CustomerContactLookup } from '../shopify/customer-contact.js';
import { enrollRequestSchema } from './contract.js';
import type { ExtensionCaller, VerifyExtensionToken } from './extension-token.js';
import { loadReferralSummary } from './summary.js';

export type ExtensionApiDeps = {
  db: Database;
  logger: Logger;
  verifyToken: VerifyExtensionToken;
  /** The app's public URL, where `/r/:code` links are served. */
  linkBaseUrl: string;
  /** Reads the customer's email and first name from Shopify when they enrol (best effort). */
  customerContact?: CustomerContactLookup | undefined;
  now?: () => number;
};

// Extensions run in a sandboxed worker on Shopify's origin: every response is cross-origin, and
// a bearer token (never a cookie) authenticates it, so any origin may read it.
const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
  'Access-Control-Max-Age': '600',
};

export function extensionApiRouter(deps: ExtensionApiDeps): Router {
  const { db, logger } = deps;
  const now = deps.now ?? Date.now;
  const linkBase = deps.linkBaseUrl.replace(/\/+$/, '');
  const router = express.Router();

  router.use('/extensions/referrals', (req, res, next) => {
    res.set(CORS);
    if (req.method === 'OPTIONS') return void res.status(204).end();
    next();
  });

  /** The caller and their merchant, or a 401 sent. */
  const authenticate = async (authorization: string | undefined, res: Response) => {
    const caller = await deps.verifyToken(authorization);
    if (!caller) {
      sendJson(res, 401, {
        error: 'INVALID_SESSION_TOKEN',
        message: 'The session token is invalid or expired.',
      });
      return null;
    }
    const merchant = await findMerchantByShopDomain(db, caller.shop);
    if (merchant?.status !== 'active') {
      sendJson(res, 401, {
        error: 'INVALID_SESSION_TOKEN',
        message: 'The app is not installed on this shop.',
      });
      return null;
    }
    return { caller, merchant };
  };

  const summaryOf = (caller: ExtensionCaller, merchant: { id: string; currency: string }) =>
    loadReferralSummary(db, {
      merchant,
      shop: caller.shop,
      customerId: caller.customerId,
      at: new Date(now()),
      linkFor: (code) => `${linkBase}/r/${encodeURIComponent(code)}?shop=${encodeURIComponent(caller.shop)}`,
    });

  // GET /extensions/referrals - the buyer's or customer's link, offer, referrals and rewards
  router.get('/extensions/referrals', async (req, res) => {
    const auth = await authenticate(req.headers.authorization, res);
    if (!auth) return;
    sendJson(res, 200, await summaryOf(auth.caller, auth.merchant));
  });

  // POST /extensions/referrals/enroll - a logged-in customer accepts the terms (idempotent)
  router.post('/extensions/referrals/enroll', express.json({ limit: '4kb' }), async (req, res) => {
    const auth = await authenticate(req.headers.authorization, res);
    if (!auth) return;
    const { caller, merchant } = auth;
    const body = enrollRequestSchema.safeParse(req.body ?? {});
    if (!body.success) {
      return sendJson(res, 400, {
        error: 'CONSENT_REQUIRED',
        message: 'Send {"consent": true} once the customer has accepted the terms.',
      });
    }
    // A guest's token names no customer; the storefront page (log in or sign up) enrols them.
    if (!caller.customerId) {
      return sendJson(res, 403, { error: 'LOGIN_REQUIRED', message: 'Log in to join the programme.' });
    }
    const programId = await findActiveProgramId(db, merchant.id);
    if (!programId)
      return sendJson(res, 409, { error: 'NO_PROGRAM', message: 'No referral programme runs.' });
    const contact = deps.customerContact
      ? await deps.customerContact(merchant.id, caller.customerId).catch((err: unknown) => {
          logger.warn({ err }, 'customer contact lookup failed; enrolling by id only');
          return null;
        })
      : null;
    const enrolment = await enrollAdvocate(db, {
      merchantId: merchant.id,
      programId,
      customer: {
        platformCustomerId: caller.customerId,
        email: contact?.email ?? null,
        firstName: contact?.firstName ?? null,
      },
      consentAt: new Date(now()),
      actor: `customer:${caller.customerId}`,
    });
    sendJson(res, enrolment.created ? 201 : 200, await summaryOf(caller, merchant));
  });

  return router;
}
