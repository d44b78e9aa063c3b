// `npm run bench -- hubspot-sync [--contacts N] [--portals P] [--workers W] [--latency-ms L] [...]`:
// a backlog of N contact updates (advocates split over P merchants, each connected to its own
// emulated portal) drained by W worker processes running the real runtime (crm-sync -> crm-flush
// -> HubSpotCrmWriter -> @hubspot/api-client) that share each portal's Redis limiter, against the
// emulator (its own process) and its 110 requests per sliding 10 s per portal. limitShare =
// requests sent / requests the limit allowed while the backlog lasted: 110 per 10 s from the
// drain's start to the last request's slot, per portal, averaged over portals.
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { crmSyncStatus } from '@referrals/core';
import {
  buildMerchant,
  buildProgram,
  createTestDatabase,
  insertAdvocatesInBulk,
} from '@referrals/core/testing';
import {
  HUBSPOT_TEN_SECOND_LIMIT,
  HubSpotConnections,
  PortalRateLimiter,
  prepareHubSpotPortal,
  redirectUri,
} from '@referrals/hubspot-app';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { startEmulatorProcess } from './emulator-client.js';
import type { BenchWorkerConfig } from './hubspot-sync-worker.js';

const { values } = parseArgs({
  options: {
    contacts: { type: 'string', default: '20000' },
    portals: { type: 'string', default: '3' },
    workers: { type: 'string', default: '2' },
    /** The limiter's headroom and burst; unset, the PortalRateLimiter defaults (as in production). */
    headroom: { type: 'string' },
    burst: { type: 'string' },
    concurrency: { type: 'string', default: '16' },
    'flush-delay-ms': { type: 'string' },
    'batches-per-flush': { type: 'string' },
    /** Concurrent batches per flush job (the runtime's `crm.flushConcurrency`). */
    'flush-concurrency': { type: 'string' },
    /** How long the emulator holds each answer (HubSpot's own latency); 0 answers at once. */
    'latency-ms': { type: 'string', default: '0' },
    /** Instead of BullMQ jobs: this many concurrent flush loops per merchant in each worker process. */
    loops: { type: 'string', default: '0' },
  },
  allowPositionals: true,
});
const contactCount = Number(values.contacts);
const portalCount = Number(values.portals);
const log = (line: string) => process.stderr.write(`[hubspot-sync] ${line}\n`);
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = pino({ level: process.env.LOG_LEVEL ?? 'error' });
const prefix = `bench-${randomBytes(4).toString('hex')}`;
const limiterPrefix = `${prefix}:hubspot-rate`;
const encryptionKey = randomBytes(32);
const limiterTuning = {
  ...(values.headroom ? { headroom: Number(values.headroom) } : {}),
  ...(values.burst ? { burst: Number(values.burst) } : {}),
};
const portalIds = Array.from({ length: portalCount }, (_, p) => 9_100_001 + p);

const database = await createTestDatabase({ poolSize: 8 });
const db = database.db;
const emulator = await startEmulatorProcess(portalIds, Number(values['latency-ms']));
const redis = new Redis(redisUrl);
const workers: ReturnType<typeof fork>[] = [];

/** Advocates inserted in bulk (no outbox rows: the backlog is queued once, by the backfill). */
async function seedAdvocates(merchantId: string, programId: string, count: number, from: number) {
  for (let i = 0; i < count; i += 1000) {
    const n = Math.min(1000, count - i);
    const seeds = Array.from({ length: n }, (_, k) => ({
      email: `advocate${from + i + k}@bench.example.com`,
      code: `BENCH${from + i + k}`,
    }));
    await insertAdvocatesInBulk(db, merchantId, programId, seeds);
  }
}

async function startWorkerProcess(config: BenchWorkerConfig): Promise<void> {
  const script = fileURLToPath(new URL('./hubspot-sync-worker.js', import.meta.url));
  const child = fork(script, [JSON.stringify(config)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  workers.push(child);
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`worker process exited (${code})`)));
  });
}

async function run() {
  const hubspot = {
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    basePath: emulator.url,
  };
  const config = { ...hubspot, appUrl: 'http://127.0.0.1:3001' };
  const limiter = new PortalRateLimiter({
    redis,
    keyPrefix: limiterPrefix,
    ...limiterTuning,
  });
  const connections = new HubSpotConnections({ db, config, encryptionKey, logger, limiter });
  const merchants: string[] = [];
  for (const [p, portalId] of portalIds.entries()) {
    const merchant = await buildMerchant(db);
    const { programId } = await buildProgram(db, merchant.id);
    const share = Math.floor(contactCount / portalCount) + (p < contactCount % portalCount ? 1 : 0);
    await seedAdvocates(merchant.id, programId, share, p * contactCount);
    // The real connect path: OAuth code -> tokens, then the hook: properties + backfill queued.
    await connections.connect(merchant.id, await emulator.authorize(portalId, redirectUri(config)));
    const prepared = await prepareHubSpotPortal({ db, connections, logger }, merchant.id, String(portalId));
    log(
      `portal ${portalId}: ${prepared.properties.created.length} properties, ${prepared.queued} contacts queued`,
    );
    merchants.push(merchant.id);
  }
  for (let w = 0; w < Number(values.workers); w++) {
    await startWorkerProcess({
      databaseUrl: database.url,
      redisUrl,
      prefix,
      limiterPrefix,
      limiterTuning,
      hubspot,
      encryptionKeyHex: encryptionKey.toString('hex'),
      concurrency: Number(values.concurrency),
      ...(values['flush-delay-ms'] ? { flushDelayMs: Number(values['flush-delay-ms']) } : {}),
      ...(values['batches-per-flush'] ? { batchesPerFlush: Number(values['batches-per-flush']) } : {}),
      ...(values['flush-concurrency'] ? { flushConcurrency: Number(values['flush-concurrency']) } : {}),
      loopsPerMerchant: Number(values.loops),
    });
  }
  log(`${values.workers} worker processes ready; draining`);

  // The drain starts as the periodic sweep starts it: it finds the merchants with contacts due.
  const queue = new Queue('crm-sync', { connection: redis, prefix });
  const start = Date.now();
  if (Number(values.loops) > 0) for (const child of workers) child.send({ merchants });
  else await queue.add('sweep-crm-queue', {});
  const pending = async () => {
    let sum = 0;
    for (const m of merchants) sum += (await crmSyncStatus(db, m, 'hubspot')).pending;
    return sum;
  };
  let lastReport = start;
  for (let left = await pending(); left > 0; left = await pending()) {
    if (Date.now() - start > 600_000) throw new Error(`Timed out with ${left} contacts pending`);
    if (Date.now() - lastReport >= 2000) {
      lastReport = Date.now();
      const sent = (await emulator.summary(portalIds, start)).reduce((a, s) => a + s.requests, 0);
      log(
        `${((lastReport - start) / 1000).toFixed(1)} s: ${contactCount - left}/${contactCount} written, ${sent} requests`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  const slotMs = 10_000 / HUBSPOT_TEN_SECOND_LIMIT;
  const perPortal = (await emulator.summary(portalIds, start)).map((portal) => {
    const durationMs = (portal.lastAt ?? start) - start + slotMs;
    const share = portal.requests / ((HUBSPOT_TEN_SECOND_LIMIT * durationMs) / 10_000);
    const contactsPerSecond = (portal.contacts / durationMs) * 1000;
    log(
      `portal ${portal.portalId}: first request after ${(portal.firstAt ?? start) - start} ms, ` +
        `${portal.contacts} contacts in ${(durationMs / 1000).toFixed(2)} s, ` +
        `${portal.requests} requests (${portal.rateLimited} 429), ${Math.round(contactsPerSecond)} contacts/s, share ${share.toFixed(3)}`,
    );
    return { ...portal, contactsPerSecond, share };
  });
  await queue.close();
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    bench: 'hubspot-sync',
    portals: portalCount,
    contactsPerSecondPerPortal: Math.round(mean(perPortal.map((p) => p.contactsPerSecond))),
    limitShare: Math.round(mean(perPortal.map((p) => p.share)) * 1000) / 1000,
    requests: perPortal.reduce((a, p) => a + p.requests, 0),
    rateLimited429: perPortal.reduce((a, p) => a + p.rateLimited, 0),
  };
}

let exitCode = 0;
try {
  console.log(JSON.stringify(await run()));
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await Promise.all(
    workers.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || !child.connected) return resolve(null);
          child.once('exit', resolve);
          child.disconnect();
        }),
    ),
  );
  emulator.close();
  // Every key of this run (queues, jobs, limiter) shares the prefix.
  for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 500 })) {
    if ((keys as string[]).length > 0) await redis.del(...(keys as string[]));
  }
  redis.disconnect();
  await database.drop();
}
process.exit(exitCode);
