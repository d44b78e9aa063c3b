// GET /hubspot/connect and GET /hubspot/oauth/callback - "Connect HubSpot" from the merchant's
// admin: the signed state names the merchant; the callback exchanges the code, seals the tokens
// and prepares the portal (properties, first sync). Errors are pages, never stacks.
import { type Database, DomainError, errorLogFields, findMerchant, verifyOAuthState } from '@referrals/core';
import express, { type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { type HubSpotConfig, hubspotClient, REQUIRED_SCOPES, redirectUri } from '../hubspot/config.js';
import type { HubSpotConnections } from '../hubspot/connections.js';

export type OAuthRouteDeps = {
  db: Database;
  logger: Logger;
  config: HubSpotConfig;
  connections: HubSpotConnections;
  /** Signs and checks the OAuth state (ENCRYPTION_KEY). */
  stateKey: Buffer;
  /** After a connect: create the properties, unpark the sync, queue the backfill. */
  afterConnect?: (merchantId: string, portalId: string) => Promise<void>;
  now?: () => number;
};

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

function page(res: Response, status: number, title: string, text: string): void {
  res.status(status);
  res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
  res.setHeader('Cache-Control', 'no-store');
  res
    .type('html')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
        `<body style="font-family:system-ui;margin:3rem"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>`,
    );
}

const callbackSchema = z.object({
  code: z.string().min(1).max(512).optional(),
  state: z.string().min(1).max(1024),
  error: z.string().max(200).optional(),
});

export function hubspotOAuthRouter(deps: OAuthRouteDeps): Router {
  const router = express.Router();
  const now = () => deps.now?.() ?? Date.now();

  router.get('/hubspot/connect', async (req, res) => {
    const state = z.string().min(1).max(1024).safeParse(req.query.state);
    const merchantId = state.success ? verifyOAuthState(deps.stateKey, state.data, now()) : null;
    const merchant = merchantId ? await findMerchant(deps.db, merchantId) : null;
    if (!state.success || !merchant || merchant.status !== 'active')
      return page(
        res,
        400,
        'This link has expired',
        'Start "Connect HubSpot" again from the Referrals admin.',
      );
    const url = hubspotClient(deps.config).oauth.getAuthorizationUrl(
      deps.config.clientId,
      redirectUri(deps.config),
      REQUIRED_SCOPES.join(' '),
      undefined,
      state.data,
    );
    res.redirect(302, url);
  });

  router.get('/hubspot/oauth/callback', async (req, res) => {
    const query = callbackSchema.safeParse(req.query);
    const merchantId = query.success ? verifyOAuthState(deps.stateKey, query.data.state, now()) : null;
    if (!query.success || !merchantId)
      return page(
        res,
        400,
        'This link has expired',
        'Start "Connect HubSpot" again from the Referrals admin.',
      );
    if (query.data.error || !query.data.code)
      return page(
        res,
        400,
        'HubSpot was not connected',
        'The connection was cancelled in HubSpot. Nothing changed.',
      );
    try {
      const { portalId } = await deps.connections.connect(merchantId, query.data.code);
      deps.logger.info({ merchantId, portalId }, 'hubspot connected');
      await deps.afterConnect?.(merchantId, portalId);
      page(
        res,
        200,
        'HubSpot is connected',
        `Portal ${portalId} will receive referral properties within minutes.`,
      );
    } catch (error) {
      if (error instanceof DomainError && error.code === 'CONFLICT') {
        deps.logger.warn({ merchantId, ...errorLogFields(error) }, 'hubspot connect refused');
        return page(res, 409, 'This HubSpot account is taken', error.publicMessage);
      }
      deps.logger.error({ err: error, merchantId }, 'hubspot connect failed');
      page(
        res,
        502,
        'HubSpot could not be connected',
        'HubSpot did not accept the connection. Please try again.',
      );
    }
  });
  return router;
}
