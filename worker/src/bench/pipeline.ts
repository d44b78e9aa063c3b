// `npm run bench -- pipeline [--orders N] [--rate R] [--advocates A]`: drives N paid orders for a
// seeded set of advocates through the real pipeline (inbox -> relay -> inbound queue ->
// attribution, fraud, ledger -> release -> rewards queue -> RewardIssuer) on PostgreSQL + Redis,
// offered at R orders/s, and prints one JSON line. End-to-end latency runs from the webhook's
// inbox insert to the moment the RewardIssuer is called for that order's reward.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { ingestInboundEvent, listReferralCodes, listRewardOrders, type RewardIssuer } from '@referrals/core';
import { buildAdvocate, buildMerchant, buildProgram, createTestDatabase } from '@referrals/core/testing';
import { pino } from 'pino';
import { startWorker } from '../runtime.js';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '10000' },
    rate: { type: 'string', default: '1000' },
    advocates: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '16' },
    pool: { type: 'string', default: '8' },
  },
  allowPositionals: true,
});
const orders = Number(values.orders);
const rate = Number(values.rate);
const advocateCount = Number(values.advocates);

const database = await createTestDatabase({ poolSize: Number(values.pool) });
const engine = { db: database.db, ipHashSalt: 'bench-salt' };
const merchant = await buildMerchant(engine.db);
const { programId } = await buildProgram(engine.db, merchant.id, {
  holdDays: 0,
  fraud: { rules: { velocity: { enabled: false } } },
});
const advocates = [];
for (let i = 0; i < advocateCount; i++)
  advocates.push(await buildAdvocate(engine.db, merchant.id, programId));
const codes = await listReferralCodes(engine.db, merchant.id);

const sentAt = new Map<string, number>(); // order id -> inbox insert time
const issuedAt = new Map<string, number>(); // reward id -> RewardIssuer call time
let done!: () => void;
const finished = new Promise<void>((r) => {
  done = r;
});
const issuer: RewardIssuer = {
  async issue(request) {
    if (!issuedAt.has(request.rewardId)) issuedAt.set(request.rewardId, performance.now());
    if (issuedAt.size >= orders) done();
    return { platformRef: `bench-${request.rewardId}` };
  },
  async clawBack(request) {
    return { recoveredMinor: request.amountMinor };
  },
};

const prefix = `bench-${randomBytes(4).toString('hex')}`;
const runtime = await startWorker({
  engine,
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  logger: pino({ level: 'error' }),
  rewardIssuer: issuer,
  prefix,
  housekeeping: false,
  concurrency: Number(values.concurrency),
  relayIdleMs: 5,
});

const start = performance.now();
const intervalMs = 1000 / rate;
const inflight = new Set<Promise<unknown>>();
for (let i = 0; i < orders; i++) {
  const due = start + i * intervalMs;
  const wait = due - performance.now();
  if (wait > 1) await new Promise((r) => setTimeout(r, wait));
  const code = codes[i % codes.length]!.code;
  const orderId = `bench-order-${i}`;
  const payload = {
    type: 'OrderPaid',
    orderId,
    occurredAt: new Date().toISOString(),
    customer: { id: `bench-friend-${i}`, email: `friend${i}@example.org` },
    totalMinor: 5_000 + (i % 100) * 37,
    subtotalMinor: 5_000 + (i % 100) * 37,
    currency: 'USD',
    discountCodes: [],
    referralCode: code,
    visitorId: `visitor-${i}`,
    ipAddress: `10.0.${i % 250}.${i % 200}`,
  };
  sentAt.set(orderId, performance.now());
  const p = ingestInboundEvent(engine.db, {
    merchantId: merchant.id,
    platform: 'internal',
    externalId: orderId,
    topic: 'OrderPaid',
    payload,
  })
    .then(() => runtime.relay.nudge())
    .finally(() => inflight.delete(p));
  inflight.add(p);
  if (inflight.size > 200) await Promise.race(inflight);
}
await Promise.all(inflight);
const timeout = setTimeout(() => done(), 120_000 + orders * 5);
await finished;
clearTimeout(timeout);

// Measured outside the hot path: one query maps every reward to its order afterwards.
const pairs = await listRewardOrders(engine.db, merchant.id);
const latencies = pairs
  .map((p) => (issuedAt.get(p.rewardId) ?? Number.NaN) - (sentAt.get(p.orderId) ?? Number.NaN))
  .filter((ms) => Number.isFinite(ms))
  .sort((x, y) => x - y);
const lastIssuedAt = Math.max(...issuedAt.values());
const elapsedS = (lastIssuedAt - start) / 1000;
const pct = (p: number) =>
  Math.round(
    (latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? Number.NaN) * 10,
  ) / 10;
const rewardsRows = pairs.length;
await runtime.close();
for (const q of Object.values(runtime.queues)) await q.obliterate({ force: true }).catch(() => {});
await database.drop();
const result = {
  bench: 'pipeline',
  orders,
  offeredRatePerSec: rate,
  rewardsIssued: issuedAt.size,
  rewardsRows,
  ordersPerSecond: Math.round((issuedAt.size / elapsedS) * 10) / 10,
  p50Ms: pct(0.5),
  p99Ms: pct(0.99),
};
console.log(JSON.stringify(result));
process.exit(0);
