import type { Database } from '@referrals/core';
import { pino } from 'pino';
import { expect, test } from 'vitest';
import { runFlushLoops } from './crm-flush-loops.js';

test('a loop that fails rejects the run once, with its error, and starts no further loops', async () => {
  let calls = 0;
  // Any query fails: the first claim of the first loop throws.
  const db = new Proxy(
    {},
    {
      get() {
        calls += 1;
        throw new Error('connection terminated');
      },
    },
  ) as Database;
  const writer = { write: async () => ({ written: [], failed: [] }) };
  let handedOver = false;
  const run = runFlushLoops({ engine: { db, ipHashSalt: 'x' }, logger: pino({ level: 'silent' }) }, writer, {
    merchantId: '00000000-0000-4000-8000-000000000001',
    platform: 'hubspot',
    linkFor: () => '',
    batches: 10,
    concurrency: 3,
    onBudgetSpent: async () => {
      handedOver = true;
    },
  });
  await expect(run).rejects.toThrow('connection terminated');
  expect(calls).toBe(1);
  expect(handedOver).toBe(false);
});
