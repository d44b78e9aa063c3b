// A worker SIGKILLed mid-job (after the platform call, before the database knew) is replaced by a
// new one: BullMQ notices the stalled job, the new worker retries it, and the idempotency key
// makes the platform hand out the reward once.
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildAdvocate,
  buildMerchant,
  buildProgram,
  ledgerTransactionsWithKeySuffix,
  orderFacts,
  rowsOf,
} from '@referrals/core/testing';
import { dbTest as test } from '@referrals/core/testing/fixtures';
import { describe, expect } from 'vitest';
import { waitFor } from './testing/wait-for.js';
import { receive } from './testing/webhooks.js';

const script = join(import.meta.dirname, 'testing/worker-process.ts');

function spawnWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = fork(script, [], {
    env: { ...process.env, ...env },
    execArgv: ['--import', 'tsx', '--conditions=source'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited early with ${code}`)));
  });
}

describe('crash recovery', () => {
  test('a worker killed mid-job and restarted issues the reward exactly once', async ({
    database,
    engine,
  }) => {
    const dir = mkdtempSync(join(tmpdir(), 'crash-'));
    const platformLog = join(dir, 'platform.log');
    const env = {
      DATABASE_URL: database.url,
      QUEUE_PREFIX: `t-${randomBytes(4).toString('hex')}`,
      PLATFORM_LOG: platformLog,
    };
    const merchant = await buildMerchant(engine.db);
    const { programId } = await buildProgram(engine.db, merchant.id, { holdDays: 0 });
    const advocate = await buildAdvocate(engine.db, merchant.id, programId);

    const doomed = await spawnWorker({ ...env, HANG_AFTER_ISSUE: '1' });
    const order = orderFacts({ referralCode: advocate.code });
    await receive(engine, merchant.id, 'paid-1', { type: 'OrderPaid', ...order });
    await waitFor('the platform call', async () => existsSync(platformLog));
    doomed.kill('SIGKILL');
    const [mid] = await rowsOf(engine.db, 'rewards', merchant.id);
    expect(mid?.status).toBe('released'); // the database never heard back

    const replacement = await spawnWorker(env);
    try {
      const reward = await waitFor('reward issued by the replacement', async () => {
        const [r] = await rowsOf(engine.db, 'rewards', merchant.id);
        return r?.status === 'issued' ? r : null;
      });
      const calls = readFileSync(platformLog, 'utf8').trim().split('\n');
      expect(calls).toHaveLength(1);
      expect(reward.platformRef).toBe(JSON.parse(calls[0]!).ref);
      const issueTx = await ledgerTransactionsWithKeySuffix(engine.db, merchant.id, ':issue');
      expect(issueTx).toHaveLength(1);
    } finally {
      replacement.kill('SIGTERM');
    }
  });
});
