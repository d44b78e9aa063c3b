// Runs the Shopify app on its own: env -> database (migrated) -> Shopify side (real, or the
// sandbox emulator) -> HTTP. The worker runs separately (`npm start -w @referrals/worker`).
// SIGTERM closes cleanly.
import { ClickWriter, openDatabase } from '@referrals/core';
import { pino } from 'pino';
import { composeShopify } from './compose.js';
import { parseShopifyEnv } from './env.js';
import { createShopifyApp } from './server.js';

const env = parseShopifyEnv();
const logger = pino({ level: env.LOG_LEVEL, name: 'shopify-app' });
const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.PGLITE_DATA_DIR });
await database.migrate();
const shopify = await composeShopify(env, {
  db: database.db,
  logger,
  emulatorPort: env.SHOPIFY_EMULATOR_PORT,
  storefrontPort: env.SHOPIFY_STOREFRONT_PORT,
});
const clickWriter = new ClickWriter(database.db, {
  ipHashSalt: env.IP_HASH_SALT,
  onError: (err) => logger.error({ err }, 'click flush failed; retrying'),
});
const app = createShopifyApp({
  db: database.db,
  logger,
  apiSecret: shopify.apiSecret,
  platform: shopify.platform,
  clickWriter,
  hubspotAppUrl: env.HUBSPOT_APP_URL,
  sandbox: shopify.sandbox?.bridge,
  // Sandbox only: the demo link lands on the local storefront instead of https://{shop}.
  links: shopify.sandbox ? { storefrontOrigin: shopify.sandbox.storefront.url } : {},
});
const server = app.listen(env.SHOPIFY_APP_PORT, () => {
  logger.info({ port: env.SHOPIFY_APP_PORT }, 'shopify app listening');
  if (shopify.sandbox) {
    logger.info({ admin: shopify.sandbox.adminUrl }, 'sandbox: open the admin');
    logger.info({ storefront: shopify.sandbox.storefront.url }, 'sandbox: the local storefront');
    logger.info({ link: shopify.sandbox.referralLink }, 'sandbox: try the demo referral link');
  }
});
process.once('SIGTERM', () =>
  server.close(async () => {
    await clickWriter.close();
    await shopify.close();
    await database.close();
    process.exit(0);
  }),
);
