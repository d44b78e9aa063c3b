// The Shopify app's HTTP server: health and webhooks so far; install, /r/:code links, the app
// proxy and the admin come with the rest of the Shopify issue.
import { checkHealth, type Database } from '@referrals/core';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { errorHandler } from './error-handler.js';
import { shopifyWebhookRouter } from './webhooks/index.js';

export type ShopifyAppDeps = { db: Database; logger: Logger; apiSecret?: string | undefined };

export function createShopifyApp(deps: ShopifyAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Webhooks need the raw body for their HMAC: mounted before any body parser.
  app.use(shopifyWebhookRouter({ db: deps.db, logger: deps.logger, apiSecret: deps.apiSecret }));
  // GET /healthz - the process is up and the database answers
  app.get('/healthz', async (_req, res) => {
    const health = await checkHealth(deps.db, 'shopify');
    if (health.status !== 200) deps.logger.error('health check failed: database down');
    res.status(health.status).json(health.body);
  });
  app.use(errorHandler(deps.logger));
  return app;
}
