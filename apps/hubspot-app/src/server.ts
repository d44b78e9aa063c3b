// The HubSpot app's HTTP server: OAuth connect, signed webhooks (deals), the app card's backend
// and health.
import { checkHealth, type Database } from '@referrals/core';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { hubspotCardRouter } from './card/route.js';
import { errorHandler } from './error-handler.js';
import type { HubSpotConfig } from './hubspot/config.js';
import type { HubSpotConnections } from './hubspot/connections.js';
import { hubspotOAuthRouter } from './oauth/routes.js';
import { hubspotWebhookRouter } from './webhooks/route.js';

export type HubSpotAppDeps = {
  db: Database;
  logger: Logger;
  /** The HubSpot side; without it only health answers (webhooks 503). */
  hubspot?:
    | {
        config: HubSpotConfig;
        connections: HubSpotConnections;
        /** Signs and checks OAuth state. */
        stateKey: Buffer;
        /** The Shopify app's public URL (referral links). */
        linkBaseUrl: string;
        afterConnect?: (merchantId: string, portalId: string) => Promise<void>;
      }
    | undefined;
};

export function createHubSpotApp(deps: HubSpotAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  const hubspot = deps.hubspot;
  // Webhooks need the raw body for the signature: mounted before any body parser.
  app.use(
    hubspotWebhookRouter({
      db: deps.db,
      logger: deps.logger,
      clientSecret: hubspot?.config.clientSecret,
      appUrl: hubspot?.config.appUrl ?? '',
    }),
  );
  // GET /healthz - the process is up and the database answers
  app.get('/healthz', async (_req, res) => {
    const health = await checkHealth(deps.db, 'hubspot');
    if (health.status !== 200) deps.logger.error('health check failed: database down');
    res.status(health.status).json(health.body);
  });
  if (hubspot) {
    app.use(
      hubspotOAuthRouter({
        db: deps.db,
        logger: deps.logger,
        config: hubspot.config,
        connections: hubspot.connections,
        stateKey: hubspot.stateKey,
        ...(hubspot.afterConnect ? { afterConnect: hubspot.afterConnect } : {}),
      }),
    );
    app.use(
      hubspotCardRouter({
        db: deps.db,
        logger: deps.logger,
        clientSecret: hubspot.config.clientSecret,
        appUrl: hubspot.config.appUrl,
        connections: hubspot.connections,
        linkBaseUrl: hubspot.linkBaseUrl,
      }),
    );
  }
  app.use(errorHandler(deps.logger));
  return app;
}
