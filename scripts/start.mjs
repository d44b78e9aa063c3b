// `npm start`: the whole product in one process on embedded defaults. PGlite is in-process, so
// the two apps and the worker share one database handle here; with DATABASE_URL set each may also
// run on its own (`npm start -w <package>`).
import { ClickWriter, openDatabase, resolveEncryptionKey } from '@referrals/core';
import {
  composeHubSpot,
  connectSandboxPortal,
  createHubSpotApp,
  parseHubSpotEnv,
} from '@referrals/hubspot-app';
import {
  composeShopify,
  createShopifyApp,
  parseShopifyEnv,
  rememberSandboxCustomers,
  seedSandbox,
} from '@referrals/shopify-app';
import { ensureRedis, parseWorkerEnv, reconcileSandboxCheckout, startWorker } from '@referrals/worker';
import { pino } from 'pino';
import { logDestination } from './pretty-log.mjs';

const workerEnv = parseWorkerEnv();
const shopifyEnv = parseShopifyEnv();
const hubspotEnv = parseHubSpotEnv();
// Pretty and short in a terminal, JSON lines otherwise.
const logger = pino({ level: workerEnv.LOG_LEVEL }, logDestination());

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

// One key seals every platform token (ENCRYPTION_KEY, or the sandbox's key in ./.data).
const encryptionKey = resolveEncryptionKey(shopifyEnv.ENCRYPTION_KEY ?? hubspotEnv.ENCRYPTION_KEY);
// Shopify: real credentials, or the sandbox (a local Admin API emulator with a demo shop).
const shopify = await composeShopify(shopifyEnv, {
  db: database.db,
  logger: logger.child({ name: 'shopify' }),
  encryptionKey,
  emulatorPort: shopifyEnv.SHOPIFY_EMULATOR_PORT,
  storefrontPort: shopifyEnv.SHOPIFY_STOREFRONT_PORT,
});
// HubSpot: real client credentials, or the sandbox (a local HubSpot with one portal).
const hubspot = await composeHubSpot(hubspotEnv, {
  db: database.db,
  logger: logger.child({ name: 'hubspot' }),
  encryptionKey,
  redisUrl: redis.url,
  emulatorPort: hubspotEnv.HUBSPOT_EMULATOR_PORT,
});
if (hubspot.sandbox && shopify.sandbox) {
  // The emulators forget everything on restart: connect the demo shop to the demo portal again.
  const portalId = await connectSandboxPortal(hubspot, shopify.sandbox.merchantId);
  logger.info({ emulator: hubspot.sandbox.emulator.url, portalId }, 'sandbox: HubSpot portal connected');
}
if (shopify.sandbox) {
  logger.info(
    { emulator: shopify.sandbox.emulator.url, shop: shopify.sandbox.shop },
    'sandbox mode: no Shopify credentials, talking to the local Admin API emulator',
  );
  // Before the worker starts: rewards held from an earlier run are issued to these customers.
  rememberSandboxCustomers(shopify.sandbox.emulator.shop(shopify.sandbox.shop));
}
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
  checkoutDiscounts: shopify.platform.checkoutDiscounts,
  orderSource: shopify.platform.orderSource,
  storefrontTracking: shopify.platform.webPixels,
  platformNotifier: shopify.platform.notifier,
  crmWriter: hubspot.writer,
  crm: { linkFor: hubspot.linkFor },
  inboundResolvers: { hubspot: hubspot.resolver },
  // The console says what happened: referral credited, reward held or issued, contact updated.
  narrate: true,
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
      hubspotAppUrl: hubspotEnv.HUBSPOT_APP_URL,
      sandbox: shopify.sandbox?.bridge,
      // Sandbox only: the demo link lands on the local storefront instead of https://{shop}.
      links: shopify.sandbox ? { storefrontOrigin: shopify.sandbox.storefront.url } : {},
    }),
    shopifyEnv.SHOPIFY_APP_PORT,
    'shopify',
  ),
  await listen(
    createHubSpotApp({
      db: database.db,
      logger: logger.child({ name: 'hubspot-app' }),
      hubspot: {
        config: hubspot.config,
        connections: hubspot.connections,
        stateKey: encryptionKey,
        linkBaseUrl: hubspotEnv.SHOPIFY_APP_URL,
        afterConnect: hubspot.afterConnect,
      },
    }),
    hubspotEnv.HUBSPOT_APP_PORT,
    'hubspot',
  ),
];
if (shopify.sandbox) {
  const sandbox = shopify.sandbox;
  // The emulator forgot the demo codes' checkout discounts: the worker puts them back.
  await reconcileSandboxCheckout(worker, sandbox.merchantId);
  logger.info({ admin: sandbox.adminUrl }, 'sandbox: open the admin (marketers start here)');
  logger.info({ storefront: sandbox.storefront.url }, 'sandbox: the local storefront (the demo shop)');
  logger.info(
    { link: sandbox.referralLink },
    'sandbox: open the demo referral link as a friend would, buy, and watch the console',
  );
  // The demo shop's history, once, in the background through the app's own public routes (link
  // clicks, signed webhooks): start-up stays responsive, and a failure is logged, never fatal.
  seedSandbox({
    db: database.db,
    logger: logger.child({ name: 'sandbox-seed' }),
    appUrl: `http://127.0.0.1:${servers[0].address().port}`,
    shop: sandbox.shop,
    merchantId: sandbox.merchantId,
    apiSecret: shopify.apiSecret,
    emulatorShop: sandbox.emulator.shop(sandbox.shop),
  })
    .then((result) =>
      result.seeded
        ? logger.info(
            { ...result, admin: sandbox.adminUrl },
            `sandbox: seeded ${result.advocates} advocates, ${result.orders} orders`,
          )
        : logger.info({ admin: sandbox.adminUrl }, 'sandbox: demo data already seeded; nothing added'),
    )
    .catch((err) => logger.error({ err }, 'sandbox: seeding the demo data failed'));
}

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
    await hubspot.close();
    await database.close();
    redis.stop();
    process.exit(0);
  });
}
