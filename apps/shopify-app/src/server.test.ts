import type { AddressInfo } from 'node:net';
import { openDatabase } from '@referrals/core';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createShopifyApp } from './server.js';

const handle = await openDatabase({ dataDir: 'memory://' });
let base = '';
let close: () => void = () => {};

beforeAll(async () => {
  const server = createShopifyApp({ db: handle.db, logger: pino({ level: 'silent' }) }).listen(0);
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(async () => {
  close();
  await handle.close();
});

test('GET /healthz answers 200 while the database is up', async () => {
  const res = await fetch(`${base}/healthz`);
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ status: 'ok', app: 'shopify', database: 'up' });
  expect(res.headers.get('x-powered-by')).toBeNull();
});

test('unknown routes are a plain 404', async () => {
  expect((await fetch(`${base}/nope`)).status).toBe(404);
});

test('GET /healthz answers 503 when the database is gone', async () => {
  const gone = await openDatabase({ dataDir: 'memory://' });
  await gone.close();
  const server = createShopifyApp({ db: gone.db, logger: pino({ level: 'silent' }) }).listen(0);
  await new Promise((r) => server.once('listening', r));
  const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`);
  server.close();
  expect(res.status).toBe(503);
  expect(await res.json()).toMatchObject({ status: 'unavailable', database: 'down' });
});
