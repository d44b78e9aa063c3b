// Runs the HubSpot app on its own: env -> database (migrated) -> HubSpot side (real, or the
// sandbox emulator) -> HTTP. The CRM sync itself runs in the worker. SIGTERM closes cleanly.
import { openDatabase, resolveEncryptionKey } from '@referrals/core';
import { pino } from 'pino';
import { composeHubSpot } from './compose.js';
import { parseHubSpotEnv } from './env.js';
import { createHubSpotApp } from './server.js';

const env = parseHubSpotEnv();
const logger = pino({ level: env.LOG_LEVEL, name: 'hubspot-app' });
const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.PGLITE_DATA_DIR });
await database.migrate();
const encryptionKey = resolveEncryptionKey(env.ENCRYPTION_KEY);
const hubspot = await composeHubSpot(env, {
  db: database.db,
  logger,
  encryptionKey,
  redisUrl: env.REDIS_URL,
  emulatorPort: env.HUBSPOT_EMULATOR_PORT,
});
const server = createHubSpotApp({
  db: database.db,
  logger,
  hubspot: {
    config: hubspot.config,
    connections: hubspot.connections,
    stateKey: encryptionKey,
    linkBaseUrl: env.SHOPIFY_APP_URL,
    afterConnect: hubspot.afterConnect,
  },
}).listen(env.HUBSPOT_APP_PORT, () => logger.info({ port: env.HUBSPOT_APP_PORT }, 'hubspot app listening'));
process.once('SIGTERM', () =>
  server.close(async () => {
    await hubspot.close();
    await database.close();
    process.exit(0);
  }),
);
