// The Shopify app's HTTP server. This issue gives it health; install, webhooks, /r/:code links,
// the app proxy and the admin come with the Shopify issue.
import { type Database, ping } from '@referrals/core';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { errorHandler } from './error-handler.js';

export type ShopifyAppDeps = { db: Database; logger: Logger };

export function createShopifyApp(deps: ShopifyAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // GET /healthz - the process is up and the database answers
  app.get('/healthz', async (_req, res) => {
    try {
      await ping(deps.db);
      res.json({ status: 'ok', app: 'shopify', database: 'up' });
    } catch (error) {
      deps.logger.error({ err: error }, 'health check failed');
      res.status(503).json({ status: 'unavailable', app: 'shopify', database: 'down' });
    }
  });
  app.use(errorHandler(deps.logger));
  return app;
}
