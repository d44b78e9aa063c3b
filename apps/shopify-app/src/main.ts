// Runs the Shopify app on its own: env -> database (migrated) -> HTTP. SIGTERM closes cleanly.
import { openDatabase } from '@referrals/core';
import { pino } from 'pino';
import { parseShopifyEnv } from './env.js';
import { createShopifyApp } from './server.js';

const env = parseShopifyEnv();
const logger = pino({ level: env.LOG_LEVEL, name: 'shopify-app' });
const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.PGLITE_DATA_DIR });
await database.migrate();
const server = createShopifyApp({ db: database.db, logger, apiSecret: env.SHOPIFY_API_SECRET }).listen(
  env.SHOPIFY_APP_PORT,
  () => logger.info({ port: env.SHOPIFY_APP_PORT }, 'shopify app listening'),
);
process.once('SIGTERM', () => server.close(() => void database.close().then(() => process.exit(0))));
