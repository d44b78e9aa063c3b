// Runs the HubSpot app on its own: env -> database (migrated) -> HTTP. SIGTERM closes cleanly.
import { openDatabase } from '@referrals/core';
import { pino } from 'pino';
import { parseHubSpotEnv } from './env.js';
import { createHubSpotApp } from './server.js';

const env = parseHubSpotEnv();
const logger = pino({ level: env.LOG_LEVEL, name: 'hubspot-app' });
const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.PGLITE_DATA_DIR });
await database.migrate();
const server = createHubSpotApp({ db: database.db, logger }).listen(env.HUBSPOT_APP_PORT, () =>
  logger.info({ port: env.HUBSPOT_APP_PORT }, 'hubspot app listening'),
);
process.once('SIGTERM', () => server.close(() => void database.close().then(() => process.exit(0))));
