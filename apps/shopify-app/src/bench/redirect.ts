// `npm run bench -- redirect [--duration S] [--connections C] [--rate R] [--rate-connections C]`:
// GET /r/:code on a fresh PostgreSQL database with real click recording, served by the real app
// (createShopifyApp) in this process on a loopback port; autocannon runs in a worker thread, so
// load and server share the machine's two cores but not one event loop. Run 1 saturates (C connections, pipelining 1) for req/s;
// run 2 offers R req/s (autocannon's overallRate) for latency. autocannon spends each
// connection's quota at the start of every second, so that run is bursts of `rate-connections`
// requests in flight, harsher than smooth arrivals. Then every buffered click is written and
// counted, and one JSON line is printed. The rate limiter is off: all traffic comes from one
// loopback IP, which a per-IP limit would (rightly) turn away.
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ClickWriter, countClicks } from '@referrals/core';
import { buildAdvocate, buildMerchant, buildProgram, createTestDatabase } from '@referrals/core/testing';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { createShopifyApp } from '../server.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '100' },
    rate: { type: 'string', default: '2000' },
    'rate-connections': { type: 'string', default: '20' },
  },
  allowPositionals: true,
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const rate = Number(values.rate);
const rateConnections = Number(values['rate-connections']);
const progress = (line: string) => console.log(`[redirect] ${line}`);

// Both measured runs send an exact number of requests (autocannon's `amount`): a run stopped by
// time drops the requests in flight, which the server has answered (and clicked) but autocannon
// never counts. A warm-up on another merchant's link (not counted) sizes the saturation run to
// about `duration` seconds and lets V8 optimise the hot path first.
const database = await createTestDatabase();
try {
  const seed = async () => {
    const merchant = await buildMerchant(database.db);
    const { programId } = await buildProgram(database.db, merchant.id);
    const advocate = await buildAdvocate(database.db, merchant.id, programId);
    return { merchant, path: `/r/${advocate.code}?shop=${merchant.shopDomain}` };
  };
  const warm = await seed();
  const { merchant, path } = await seed();
  const logger = pino({ level: 'warn' });
  const clickWriter = new ClickWriter(database.db, {
    ipHashSalt: 'bench-salt',
    onError: (err) => logger.error({ err }, 'click flush failed'),
  });
  // The real app (webhooks, health and links mounted as in production), rate limit off.
  const app = createShopifyApp({ db: database.db, logger, clickWriter, links: { rateLimit: false } });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const url = `${base}${path}`;
  progress(`serving ${url}`);

  // Every good answer is a 302; anything else, and any socket error or timeout, is an error.
  const tally = (r: autocannon.Result) => ({
    responses: r['2xx'] + r['3xx'],
    errors: r['1xx'] + r['2xx'] + r['4xx'] + r['5xx'] + r.errors,
  });
  const summary = (r: autocannon.Result) =>
    `${Math.round(r['3xx'] / r.duration)} req/s over ${r.duration} s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms, 3xx ${r['3xx']}, errors ${tally(r).errors}`;

  const warmup = await autocannon({ url: `${base}${warm.path}`, connections, duration: 4, workers: 1 });
  progress(`warm-up (not counted): ${summary(warmup)}`);

  // Sized from the warm-up's best second: its first second still runs unoptimised code.
  const amount = Math.max(connections, Math.round(warmup.requests.max * duration));
  progress(`saturation: ${amount} requests, ${connections} connections, pipelining 1`);
  const saturation = await autocannon({ url, connections, pipelining: 1, amount, workers: 1 });
  progress(`saturation: ${summary(saturation)}`);

  progress(`fixed rate: ${rate} req/s for ${duration} s over ${rateConnections} connections`);
  // How long the server's event loop was blocked during the fixed-rate run (nanoseconds).
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  const fixed = await autocannon({
    url,
    connections: rateConnections,
    overallRate: rate,
    amount: rate * duration,
    workers: 1,
  });
  loopDelay.disable();
  progress(`fixed rate: ${summary(fixed)}`);
  const ms = (ns: number) => Math.round(ns / 1e5) / 10;
  progress(
    `fixed rate: server event-loop delay p50 ${ms(loopDelay.percentile(50))} ms, p99 ${ms(loopDelay.percentile(99))} ms, max ${ms(loopDelay.max)} ms`,
  );

  await new Promise((r) => server.close(r));
  await clickWriter.close();
  const clicksPersisted = await countClicks(database.db, merchant.id);
  const a = tally(saturation);
  const b = tally(fixed);
  console.log(
    JSON.stringify({
      bench: 'redirect',
      reqPerSec: Math.round(saturation['3xx'] / saturation.duration),
      p50Ms: fixed.latency.p50,
      p99Ms: fixed.latency.p99,
      errors: a.errors + b.errors,
      responses: a.responses + b.responses,
      clicksPersisted,
    }),
  );
} finally {
  await database.drop();
}
