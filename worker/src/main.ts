// The worker's composition root: env -> database -> Redis -> queues. SIGTERM drains and exits.
// With Shopify credentials it issues rewards, friend codes and reconciles orders through the
// Shopify app's adapters; without them (the sandbox runs everything in `npm start`) rewards wait.
import { openDatabase, resolveEncryptionKey } from '@referrals/core';
import { composeHubSpot, parseHubSpotEnv } from '@referrals/hubspot-app';
import { composeShopify, parseShopifyEnv } from '@referrals/shopify-app';
import { pino } from 'pino';
import { parseWorkerEnv } from './env.js';
import { startWorker } from './runtime.js';

const env = parseWorkerEnv();
const logger = pino({ level: env.LOG_LEVEL, name: 'worker' });
const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.PGLITE_DATA_DIR });
await database.migrate();
const shopifyEnv = parseShopifyEnv();
const shopify = shopifyEnv.SHOPIFY_API_KEY
  ? await composeShopify(shopifyEnv, { db: database.db, logger: logger.child({ name: 'shopify' }) })
  : null;
if (!shopify)
  logger.warn('no SHOPIFY_API_KEY: rewards and friend codes wait until a worker with credentials runs');
const hubspotEnv = parseHubSpotEnv();
const hubspot = hubspotEnv.HUBSPOT_CLIENT_ID
  ? await composeHubSpot(hubspotEnv, {
      db: database.db,
      logger: logger.child({ name: 'hubspot' }),
      encryptionKey: resolveEncryptionKey(hubspotEnv.ENCRYPTION_KEY),
      redisUrl: env.REDIS_URL,
    })
  : null;
if (!hubspot)
  logger.warn('no HUBSPOT_CLIENT_ID: CRM changes stay queued until a worker with credentials runs');
const runtime = await startWorker({
  engine: { db: database.db, ipHashSalt: env.IP_HASH_SALT },
  redisUrl: env.REDIS_URL,
  logger,
  concurrency: env.WORKER_CONCURRENCY,
  rewardIssuer: shopify?.platform.issuer ?? null,
  friendOfferIssuer: shopify?.platform.friendOffers ?? null,
  checkoutDiscounts: shopify?.platform.checkoutDiscounts ?? null,
  orderSource: shopify?.platform.orderSource ?? null,
  storefrontTracking: shopify?.platform.webPixels ?? null,
  platformNotifier: shopify?.platform.notifier ?? null,
  crmWriter: hubspot?.writer ?? null,
  ...(hubspot ? { crm: { linkFor: hubspot.linkFor }, inboundResolvers: { hubspot: hubspot.resolver } } : {}),
});

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'draining');
    await runtime.close();
    await hubspot?.close();
    await database.close();
    process.exit(0);
  });
}
