// `npm start`: the whole product in one process on embedded defaults. PGlite is in-process, so
// the two apps and the worker share one database handle here; with DATABASE_URL set each may also
// run on its own (`npm start -w <package>`).
import { ClickWriter, openDatabase } from '@referrals/core';
import { createHubSpotApp, parseHubSpotEnv } from '@referrals/hubspot-app';
import { composeShopify, createShopifyApp, parseShopifyEnv } from '@referrals/shopify-app';
import { ensureRedis, parseWorkerEnv, startWorker } from '@referrals/worker';
import { pino } from 'pino';

const workerEnv = parseWorkerEnv();
const shopifyEnv = parseShopifyEnv();
const hubspotEnv = parseHubSpotEnv();
const logger = pino({ level: workerEnv.LOG_LEVEL });

const database = await openDatabase({ url: workerEnv.DATABASE_URL, dataDir: workerEnv.PGLITE_DATA_DIR });
await database.migrate();
logger.info({ database: database.kind }, 'database ready');

let redis;
try {
  redis = await ensureRedis(workerEnv.REDIS_URL, { allowLaunch: true, dataDir: './.data/redis' });
} catch (error) {
  logger.fatal(error.message);
  await database.close();
  process.exit(1);
}
if (redis.launched)
  logger.info({ url: redis.url }, 'no Redis answered at REDIS_URL; launched a private redis-server');

// Shopify: real credentials, or the sandbox (a local Admin API emulator with a demo shop).
const shopify = await composeShopify(shopifyEnv, {
  db: database.db,
  logger: logger.child({ name: 'shopify' }),
  emulatorPort: shopifyEnv.SHOPIFY_EMULATOR_PORT,
});
if (shopify.sandbox)
  logger.info(
    { emulator: shopify.sandbox.emulator.url, shop: shopify.sandbox.shop },
    'sandbox mode: no Shopify credentials, talking to the local Admin API emulator',
  );
const clickWriter = new ClickWriter(database.db, {
  ipHashSalt: workerEnv.IP_HASH_SALT,
  onError: (err) => logger.error({ err }, 'click flush failed; retrying'),
});

const worker = await startWorker({
  engine: { db: database.db, ipHashSalt: workerEnv.IP_HASH_SALT },
  redisUrl: redis.url,
  logger: logger.child({ name: 'worker' }),
  concurrency: workerEnv.WORKER_CONCURRENCY,
  rewardIssuer: shopify.platform.issuer,
  friendOfferIssuer: shopify.platform.friendOffers,
  orderSource: shopify.platform.orderSource,
  platformNotifier: shopify.platform.notifier,
});
const listen = (app, port, name) =>
  new Promise((resolve) => {
    const server = app.listen(port, () => {
      logger.info({ url: `http://127.0.0.1:${server.address().port}/healthz` }, `${name} app listening`);
      resolve(server);
    });
  });
const servers = [
  await listen(
    createShopifyApp({
      db: database.db,
      logger: logger.child({ name: 'shopify-app' }),
      apiSecret: shopify.apiSecret,
      platform: shopify.platform,
      clickWriter,
    }),
    shopifyEnv.SHOPIFY_APP_PORT,
    'shopify',
  ),
  await listen(
    createHubSpotApp({ db: database.db, logger: logger.child({ name: 'hubspot-app' }) }),
    hubspotEnv.HUBSPOT_APP_PORT,
    'hubspot',
  ),
];
if (shopify.sandbox)
  logger.info({ link: shopify.sandbox.referralLink }, 'sandbox: try the demo referral link');

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining HTTP, jobs and the outbox relay');
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    await worker.close();
    await clickWriter.close();
    await shopify.close();
    await database.close();
    redis.stop();
    process.exit(0);
  });
}
