// The Shopify app's HTTP server: webhooks, referral links, the app proxy (storefront pages), the
// checkout and customer account extensions' API, the embedded admin (HTML shell + /api behind
// session tokens) and health.
import { type ClickWriter, checkHealth, type Database } from '@referrals/core';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { adminApiRouter } from './admin/routes.js';
import { requireSessionToken } from './admin/session-token.js';
import { adminShellRouter, type SandboxBridge } from './admin/shell.js';
import { errorHandler } from './error-handler.js';
import { extensionApiRouter, extensionTokenVerifier } from './extension-api/index.js';
import { type ReferralLinkDeps, referralLinkRouter } from './links/index.js';
import { type PixelRouteDeps, pixelKeys, pixelRouter } from './pixel/index.js';
import { proxyRouter } from './proxy/index.js';
import type { ShopifyPlatform } from './shopify/platform.js';
import { shopifyWebhookRouter } from './webhooks/index.js';

export type ShopifyAppDeps = {
  db: Database;
  logger: Logger;
  apiSecret?: string | undefined;
  /** The Shopify client side (install, admin API, rewards). Without it only webhooks and links run. */
  platform?: ShopifyPlatform | undefined;
  clickWriter?: ClickWriter | undefined;
  /** The HubSpot app's public URL, for "Connect HubSpot" in the admin. */
  hubspotAppUrl?: string | undefined;
  /** Sandbox mode only: the App Bridge stand-in that lets the admin open standalone. */
  sandbox?: SandboxBridge | undefined;
  /** Referral-link options (cache TTL, per-client rate limit, the sandbox storefront's origin). */
  links?: Partial<Pick<ReferralLinkDeps, 'cacheTtlMs' | 'rateLimit' | 'storefrontOrigin'>>;
  /** Web pixel endpoint options (per-client and per-shop rate limits). */
  pixel?: Partial<Pick<PixelRouteDeps, 'rateLimit'>>;
};

export function createShopifyApp(deps: ShopifyAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  // Webhooks need the raw body for their HMAC: mounted before any body parser.
  app.use(shopifyWebhookRouter({ db: deps.db, logger: deps.logger, apiSecret: deps.apiSecret }));
  // GET /healthz - the process is up and the database answers
  app.get('/healthz', async (_req, res) => {
    const health = await checkHealth(deps.db, 'shopify');
    if (health.status !== 200) deps.logger.error('health check failed: database down');
    res.status(health.status).json(health.body);
  });
  if (deps.clickWriter) {
    app.use(
      referralLinkRouter({
        db: deps.db,
        logger: deps.logger,
        clickWriter: deps.clickWriter,
        // Signs the code for the friend offer's automatic discount (rs -> _referral_sig).
        ...(deps.platform ? { signatureSecret: deps.platform.encryptionKey } : {}),
        ...deps.links,
      }),
    );
  }
  const platform = deps.platform;
  if (platform) {
    // The storefront web pixel's checkout reports, authenticated by the per-shop key.
    app.use(
      pixelRouter({
        db: deps.db,
        logger: deps.logger,
        keys: pixelKeys(platform.encryptionKey),
        ...deps.pixel,
      }),
    );
  }
  if (platform && deps.apiSecret) {
    // Storefront pages Shopify proxies from https://{shop}/apps/referrals (signature checked).
    app.use(
      proxyRouter({
        db: deps.db,
        apiSecret: deps.apiSecret,
        logger: deps.logger,
        linkBaseUrl: platform.config.appUrl,
        friendOffers: platform.friendOffers,
        friendCodeKey: platform.friendCodeKey,
        customerContact: platform.customerContact,
      }),
    );
  }
  if (platform) {
    // The checkout and customer account extensions, behind their session tokens.
    app.use(
      extensionApiRouter({
        db: deps.db,
        logger: deps.logger,
        verifyToken: extensionTokenVerifier(platform.api),
        linkBaseUrl: platform.config.appUrl,
        customerContact: platform.customerContact,
      }),
    );
    app.use(adminShellRouter({ apiKey: platform.config.apiKey, sandbox: deps.sandbox }));
    app.use(
      '/api',
      express.json({ limit: '64kb' }),
      requireSessionToken({
        db: deps.db,
        api: platform.api,
        sessions: platform.sessions,
        encryptionKey: platform.encryptionKey,
        logger: deps.logger,
      }),
      adminApiRouter({
        db: deps.db,
        encryptionKey: platform.encryptionKey,
        hubspotAppUrl: deps.hubspotAppUrl,
        themeSetup: platform.themeSetup,
        linkBaseUrl: platform.config.appUrl,
      }),
    );
  }
  app.use(errorHandler(deps.logger));
  return app;
}
