// The worker's composition root: env -> database -> Redis -> queues. SIGTERM drains and exits.
import { openDatabase } from '@referrals/core';
import { pino } from 'pino';
import { parseWorkerEnv } from './env.js';
import { startWorker } from './runtime.js';

const env = parseWorkerEnv();
const logger = pino({ level: env.LOG_LEVEL, name: 'worker' });
const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.PGLITE_DATA_DIR });
await database.migrate();
const runtime = await startWorker({
  engine: { db: database.db, ipHashSalt: env.IP_HASH_SALT },
  redisUrl: env.REDIS_URL,
  logger,
  concurrency: env.WORKER_CONCURRENCY,
});

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'draining');
    await runtime.close();
    await database.close();
    process.exit(0);
  });
}
