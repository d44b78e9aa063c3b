// `npm run hubspot:backfill -- --merchant <id> [--batch 100]`: writes every existing advocate and
// referred friend of the merchant to its HubSpot portal, with a progress bar on stderr and a JSON
// summary on stdout. Ctrl-C stops after the batch in flight; running it again resumes.
import { parseArgs } from 'node:util';
import { openDatabase, parseEnv, resolveEncryptionKey } from '@referrals/core';
import { Redis } from 'ioredis';
import { destination, pino } from 'pino';
import { z } from 'zod';
import { HubSpotCrmWriter } from '../crm/hubspot-crm-writer.js';
import { PortalRateLimiter } from '../crm/portal-rate-limiter.js';
import { referralLinkFor } from '../crm/referral-link.js';
import { runBackfill } from '../crm/run-backfill.js';
import { parseHubSpotEnv } from '../env.js';
import { HubSpotConnections } from '../hubspot/connections.js';
import { progressBar } from './progress-bar.js';

const argsSchema = z.object({
  merchant: z.string().uuid(),
  batch: z.coerce.number().int().min(1).max(100).default(100),
});

const { values } = parseArgs({
  options: { merchant: { type: 'string' }, batch: { type: 'string' } },
  strict: true,
});
const parsedArgs = argsSchema.safeParse(values);
if (!parsedArgs.success) {
  console.error('Usage: npm run hubspot:backfill -- --merchant <merchant uuid> [--batch 1..100]');
  process.exit(2);
}
const args = parsedArgs.data;
const env = parseHubSpotEnv();
const { REDIS_URL } = parseEnv(
  z.object({ REDIS_URL: z.string().url().default('redis://127.0.0.1:6379') }),
  process.env,
);
if (!env.HUBSPOT_CLIENT_ID || !env.HUBSPOT_CLIENT_SECRET) {
  console.error('Set HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET (and HUBSPOT_API_BASE for an emulator).');
  process.exit(2);
}
// Logs go to stderr with the progress bar; stdout carries only the summary.
const logger = pino(
  { level: env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL, name: 'hubspot-backfill' },
  destination(2),
);
const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.PGLITE_DATA_DIR });
await database.migrate();
const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 3 });
const connections = new HubSpotConnections({
  db: database.db,
  config: {
    clientId: env.HUBSPOT_CLIENT_ID,
    clientSecret: env.HUBSPOT_CLIENT_SECRET,
    appUrl: env.HUBSPOT_APP_URL,
    basePath: env.HUBSPOT_API_BASE,
  },
  encryptionKey: resolveEncryptionKey(env.ENCRYPTION_KEY),
  logger,
  limiter: new PortalRateLimiter({ redis }),
});
const writer = new HubSpotCrmWriter({ connections, logger });

const stop = new AbortController();
process.on('SIGINT', () => {
  if (stop.signal.aborted) process.exit(130);
  stop.abort();
  process.stderr.write('\nStopping after the batch in flight (Ctrl-C again to quit now)...\n');
});
const tty = process.stderr.isTTY;
let lastLine = 0;
try {
  const summary = await runBackfill(
    { db: database.db, writer, linkFor: referralLinkFor(env.SHOPIFY_APP_URL) },
    { merchantId: args.merchant, batchSize: args.batch, signal: stop.signal },
    (p) => {
      // A terminal gets one line redrawn in place; a log file gets a line every 2 s at most.
      if (!tty && Date.now() - lastLine < 2000 && p.processed < p.total) return;
      lastLine = Date.now();
      process.stderr.write(
        `${tty ? '\r' : ''}${progressBar(p.processed, p.total, p.perSecond)}${tty ? '' : '\n'}`,
      );
    },
  );
  if (tty) process.stderr.write('\n');
  console.log(JSON.stringify(summary));
  process.exitCode = summary.done ? 0 : 1;
} finally {
  redis.disconnect();
  await database.close();
}
