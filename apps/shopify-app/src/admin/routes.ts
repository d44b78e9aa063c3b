// /api/* - the embedded admin's API. Every route runs after requireSessionToken and reads only
// the merchant the session token names.
import { listPrivacyRequests, loadConnection, signOAuthState } from '@referrals/core';
import express, { type Router } from 'express';
import { z } from 'zod';
import { advocatesApi } from './api/advocates.js';
import type { AdminApiDeps } from './api/deps.js';
import { programsApi } from './api/programs.js';
import { referralsApi } from './api/referrals.js';
import { rewardsApi } from './api/rewards.js';
import { settingsApi } from './api/settings.js';
import { setupApi } from './api/setup.js';
import type { ShopResponse } from './contract/shop.js';
import { currentMerchant } from './session-token.js';

export type { AdminApiDeps } from './api/deps.js';

const listQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

export function adminApiRouter(deps: AdminApiDeps): Router {
  const router = express.Router();

  // GET /api/shop - the merchant, its install state and whether its Shopify token works
  router.get('/shop', async (_req, res) => {
    const merchant = currentMerchant(res);
    const connection = await loadConnection(deps.db, deps.encryptionKey, merchant.id, 'shopify');
    const body: ShopResponse = {
      shopDomain: merchant.shopDomain,
      status: merchant.status,
      currency: merchant.currency,
      installedAt: merchant.createdAt.toISOString(),
      connection: connection
        ? {
            status: connection.status,
            scopes: connection.scopes ?? null,
            expiresAt: connection.accessTokenExpiresAt?.toISOString() ?? null,
          }
        : null,
    };
    res.json(body);
  });

  // GET /api/referrals and GET /api/orders/:orderId/attribution live in api/referrals.ts.

  // GET /api/privacy-requests - compliance requests Shopify sent and what we did
  router.get('/privacy-requests', async (req, res) => {
    const { limit } = listQuerySchema.parse(req.query);
    const rows = await listPrivacyRequests(deps.db, currentMerchant(res).id, limit);
    res.json({ privacyRequests: rows });
  });

  // GET /api/integrations/hubspot - is a HubSpot portal connected, and does it need reconnecting?
  router.get('/integrations/hubspot', async (_req, res) => {
    const connection = await loadConnection(deps.db, deps.encryptionKey, currentMerchant(res).id, 'hubspot');
    res.json({
      available: !!deps.hubspotAppUrl,
      connected: !!connection,
      portalId: connection?.externalAccountId ?? null,
      status: connection?.status ?? null,
    });
  });

  // POST /api/integrations/hubspot/connect - a link that starts OAuth for this shop only
  router.post('/integrations/hubspot/connect', (_req, res) => {
    if (!deps.hubspotAppUrl) return void res.status(404).json({ error: 'HUBSPOT_NOT_CONFIGURED' });
    const state = signOAuthState(deps.encryptionKey, currentMerchant(res).id);
    const base = deps.hubspotAppUrl.replace(/\/+$/, '');
    res.json({ url: `${base}/hubspot/connect?state=${encodeURIComponent(state)}` });
  });

  router.use(advocatesApi(deps));
  router.use(programsApi(deps));
  router.use(referralsApi(deps));
  router.use(rewardsApi(deps));
  router.use(settingsApi(deps));
  router.use(setupApi(deps));
  return router;
}
