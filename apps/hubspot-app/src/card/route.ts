// GET /hubspot/card - the contact-record card's data, fetched with hubspot.fetch: the request is
// signed by HubSpot (v3, like webhooks), the portal comes from the signed URL, and the answer is
// scoped to the store that portal is connected to.
import {
  type Database,
  findConnectionByAccount,
  findMerchant,
  getContactReferralCard,
} from '@referrals/core';
import express, { type Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { HubSpotConnections } from '../hubspot/connections.js';
import { withPacing } from '../hubspot/rate-limit-middleware.js';
import { verifyHubSpotSignature } from '../webhooks/verify-signature.js';
import { toCardPayload } from './to-card-payload.js';

export type CardRouteDeps = {
  db: Database;
  logger: Logger;
  clientSecret: string;
  appUrl: string;
  connections: HubSpotConnections;
  /** The Shopify app's public URL, where `/r/:code` links are served. */
  linkBaseUrl: string;
  now?: () => number;
};

/**
 * How long the contact lookup may wait for the portal's slot (the client paces it like every
 * request; a paused portal waits up to 10 s): the card gives up after 10 s, so the lookup gives
 * up first and the card gets an answer without the contact's referral facts, not a timeout.
 */
const CONTACT_LOOKUP_SLOT_WAIT_MS = 3_000;

// The card sends portalId and HubSpot appends its own: a repeated value must agree (it is signed).
const sameValues = z
  .union([z.string(), z.array(z.string()).min(1)])
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .refine((v) => v.every((x) => x === v[0]), 'conflicting values')
  .transform((v) => v[0] ?? '');

const querySchema = z.object({
  portalId: sameValues.pipe(z.string().regex(/^\d+$/)),
  contactId: z.string().regex(/^\d+$/).optional(),
  email: z.string().email().max(254).optional(),
});

export function hubspotCardRouter(deps: CardRouteDeps): Router {
  const router = express.Router();
  const base = deps.appUrl.replace(/\/+$/, '');
  router.get('/hubspot/card', async (req, res, next) => {
    try {
      const header = (name: string) => {
        const value = req.headers[name];
        return Array.isArray(value) ? value[0] : value;
      };
      const check = verifyHubSpotSignature({
        secret: deps.clientSecret,
        method: 'GET',
        uri: `${base}${req.originalUrl}`,
        rawBody: Buffer.alloc(0),
        signature: header('x-hubspot-signature-v3'),
        timestamp: header('x-hubspot-request-timestamp'),
        now: deps.now?.() ?? Date.now(),
      });
      if (!check.ok) return void res.status(401).json({ error: 'INVALID_SIGNATURE', reason: check.reason });
      const query = querySchema.safeParse(req.query);
      if (!query.success) return void res.status(400).json({ error: 'INVALID_QUERY' });
      const connection = await findConnectionByAccount(deps.db, 'hubspot', query.data.portalId);
      if (!connection) return void res.status(404).json({ error: 'PORTAL_NOT_CONNECTED' });
      const merchant = await findMerchant(deps.db, connection.merchantId);
      if (!merchant) return void res.status(404).json({ error: 'PORTAL_NOT_CONNECTED' });
      let email = query.data.email ?? null;
      if (!email && query.data.contactId && connection.status === 'active') {
        // The card could not read the email: ask HubSpot (best effort).
        const { client } = await deps.connections.client(merchant.id);
        const contactId = query.data.contactId;
        const contact = await withPacing({ signal: AbortSignal.timeout(CONTACT_LOOKUP_SLOT_WAIT_MS) }, () =>
          client.crm.contacts.basicApi.getById(contactId, ['email']),
        ).catch(() => null);
        email = contact?.properties.email ?? null;
      }
      const view = email
        ? await getContactReferralCard(deps.db, {
            merchantId: merchant.id,
            email,
            now: new Date(deps.now?.() ?? Date.now()),
          })
        : null;
      const shop = merchant.shopDomain ?? '';
      res.setHeader('Cache-Control', 'no-store');
      res.json(
        toCardPayload(view, {
          email,
          status: connection.status === 'active' ? 'ok' : 'reconnect_needed',
          linkFor: (code) =>
            `${deps.linkBaseUrl.replace(/\/+$/, '')}/r/${encodeURIComponent(code)}?shop=${encodeURIComponent(shop)}`,
        }),
      );
    } catch (error) {
      next(error);
    }
  });
  return router;
}
