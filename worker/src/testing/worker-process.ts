// A real worker process for the crash test: its RewardIssuer writes to a file (standing in for
// the platform) and, with HANG_AFTER_ISSUE=1, hangs right after the platform call, so the test
// can SIGKILL it mid-job.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { openDatabase, type RewardIssuer } from '@referrals/core';
import { pino } from 'pino';
import { startWorker } from '../runtime.js';

const env = process.env as Record<string, string>;
const platformLog = env.PLATFORM_LOG!;

const issuer: RewardIssuer = {
  async issue(request) {
    const lines = existsSync(platformLog)
      ? readFileSync(platformLog, 'utf8').trim().split('\n').filter(Boolean)
      : [];
    const known = lines.map((l) => JSON.parse(l)).find((l) => l.key === request.idempotencyKey);
    if (known) return { platformRef: known.ref };
    const ref = `ref-${lines.length + 1}`;
    appendFileSync(
      platformLog,
      `${JSON.stringify({ key: request.idempotencyKey, ref, pid: process.pid })}\n`,
    );
    if (env.HANG_AFTER_ISSUE === '1') await new Promise(() => {});
    return { platformRef: ref };
  },
  async clawBack() {
    return { recoveredMinor: 0 };
  },
};

const database = await openDatabase({ url: env.DATABASE_URL, poolSize: 4 });
await startWorker({
  engine: { db: database.db, ipHashSalt: 'test-salt' },
  redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  logger: pino({ level: 'silent' }),
  rewardIssuer: issuer,
  prefix: env.QUEUE_PREFIX,
  housekeeping: false,
  lockDurationMs: 1000,
  stalledIntervalMs: 500,
});
process.send?.('ready');
