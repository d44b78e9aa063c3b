// One worker process of the hubspot-sync benchmark: the real runtime consuming crm-sync with the
// HubSpot writer. Several of them share each portal's budget through the Redis limiter, as
// production worker processes do. Configured by the parent over argv; stops when it disconnects.

import { setTimeout as sleep } from 'node:timers/promises';
import { type CrmWriter, type Database, flushCrmBatch, nextCrmFlushAt, openDatabase } from '@referrals/core';
import {
  HubSpotConnections,
  HubSpotCrmWriter,
  PortalRateLimiter,
  referralLinkFor,
} from '@referrals/hubspot-app';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { z } from 'zod';
import { startWorker } from '../runtime.js';

export const benchWorkerConfigSchema = z.object({
  databaseUrl: z.string(),
  redisUrl: z.string(),
  /** BullMQ prefix and the limiter's key prefix, shared by every process of one run. */
  prefix: z.string(),
  limiterPrefix: z.string(),
  /** Unset fields keep the PortalRateLimiter defaults. */
  limiterTuning: z.object({ headroom: z.number().optional(), burst: z.number().optional() }),
  hubspot: z.object({ clientId: z.string(), clientSecret: z.string(), basePath: z.string() }),
  encryptionKeyHex: z.string(),
  concurrency: z.number().int().positive(),
  flushDelayMs: z.number().int().positive().optional(),
  batchesPerFlush: z.number().int().positive().optional(),
  flushConcurrency: z.number().int().positive().optional(),
  /** `jobs`: the BullMQ runtime; `loops`: this many flush loops per merchant, without BullMQ. */
  loopsPerMerchant: z.number().int().nonnegative().default(0),
});
export type BenchWorkerConfig = z.infer<typeof benchWorkerConfigSchema>;

/** Without the keys left unset (exactOptionalPropertyTypes). */
const limiterTuning = ({ headroom, burst }: BenchWorkerConfig['limiterTuning']) => ({
  ...(headroom !== undefined ? { headroom } : {}),
  ...(burst !== undefined ? { burst } : {}),
});

if (process.send) {
  const config = benchWorkerConfigSchema.parse(JSON.parse(process.argv[2] ?? '{}'));
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'error' });
  const database = await openDatabase({ url: config.databaseUrl, poolSize: 8 });
  const redis = new Redis(config.redisUrl);
  const limiter = new PortalRateLimiter({
    redis,
    keyPrefix: config.limiterPrefix,
    ...limiterTuning(config.limiterTuning),
  });
  const connections = new HubSpotConnections({
    db: database.db,
    config: { ...config.hubspot, appUrl: 'http://127.0.0.1:3001' },
    encryptionKey: Buffer.from(config.encryptionKeyHex, 'hex'),
    logger,
    limiter,
  });
  const crmWriter = new HubSpotCrmWriter({ connections, logger });
  const linkFor = referralLinkFor('https://shop-app.example.com');
  if (config.loopsPerMerchant > 0) {
    process.on('message', (raw) => {
      const { merchants } = z.object({ merchants: z.array(z.string()) }).parse(raw);
      const loops = merchants.flatMap((merchantId) =>
        Array.from({ length: config.loopsPerMerchant }, () =>
          drain(database.db, crmWriter, merchantId, linkFor),
        ),
      );
      void Promise.all(loops).then(() => process.send?.({ type: 'drained' }));
    });
    process.once('disconnect', () => {
      void database.close().finally(() => {
        redis.disconnect();
        process.exit(0);
      });
    });
  } else {
    const runtime = await startWorker({
      engine: { db: database.db, ipHashSalt: 'bench-salt' },
      redisUrl: config.redisUrl,
      logger,
      crmWriter,
      crm: {
        linkFor,
        ...(config.flushDelayMs ? { flushDelayMs: config.flushDelayMs } : {}),
        ...(config.batchesPerFlush ? { batchesPerFlush: config.batchesPerFlush } : {}),
        ...(config.flushConcurrency ? { flushConcurrency: config.flushConcurrency } : {}),
      },
      consume: ['crm-sync'],
      prefix: config.prefix,
      housekeeping: false,
      concurrency: config.concurrency,
    });
    process.once('disconnect', () => {
      void runtime
        .close()
        .then(() => database.close())
        .finally(() => {
          redis.disconnect();
          process.exit(0);
        });
    });
  }
  process.send({ type: 'ready' });
}

/** One flush loop for a merchant: claim -> load -> write -> settle until nothing is left. */
async function drain(
  db: Database,
  writer: CrmWriter,
  merchantId: string,
  linkFor: ReturnType<typeof referralLinkFor>,
) {
  for (;;) {
    const outcome = await flushCrmBatch(db, writer, { merchantId, platform: 'hubspot', linkFor });
    if (outcome.claimed > 0) continue;
    const next = await nextCrmFlushAt(db, { merchantId, platform: 'hubspot' });
    if (!next) return;
    await sleep(Math.min(1000, Math.max(20, next.getTime() - Date.now())));
  }
}
