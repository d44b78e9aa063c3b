// The shared limiter on the running Redis: two limiters (two "processes", two connections) share
// one schedule per portal; a pause set by one holds the other; portals and prefixes stay apart.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, test } from 'vitest';
import { PortalRateLimiter } from './portal-rate-limiter.js';

const connections: Redis[] = [];
const redis = () => {
  const client = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  connections.push(client);
  return client;
};
afterAll(() => {
  for (const client of connections) client.disconnect();
});
const prefix = () => `test:hubspot-rate:${randomBytes(6).toString('hex')}`;

/** Every acquire's time (ms since start) when `count` callers spread over the limiters ask at once. */
async function acquireAll(limiters: PortalRateLimiter[], portalId: string, count: number) {
  const start = performance.now();
  const times = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      await limiters[i % limiters.length]?.acquire(portalId);
      return performance.now() - start;
    }),
  );
  return times.sort((a, b) => a - b);
}

describe('PortalRateLimiter', () => {
  test('two processes share one evenly spaced schedule per portal: never more than the budget per window', async () => {
    const keyPrefix = prefix();
    // 20 per second with a headroom of 2: 18/s, a slot every 55.6 ms.
    const options = { keyPrefix, limit: 20, intervalMs: 1000, headroom: 2 };
    const a = new PortalRateLimiter({ redis: redis(), ...options });
    const b = new PortalRateLimiter({ redis: redis(), ...options });
    expect(a.spacingMs).toBeCloseTo(1000 / 18);
    const times = await acquireAll([a, b], 'portal-1', 24);
    expect(times[0]).toBeLessThan(40); // the first goes at once
    // 24 slots take 23 spacings; sleeping never wakes early, only a little late.
    expect(times.at(-1)).toBeGreaterThanOrEqual(23 * a.spacingMs - 5);
    expect(times.at(-1)).toBeLessThan(23 * a.spacingMs + 250);
    for (let i = 1; i < times.length; i++)
      expect(times[i]! - times[i - 1]!).toBeGreaterThan(a.spacingMs * 0.5);
    // Slots are 18 per second; measured wake-ups jitter by a few ms, which the headroom (2) absorbs:
    // no 1 s window ever holds more than the limit of 20.
    for (const t of times) {
      expect(times.filter((u) => u >= t && u < t + 1000 - 10).length).toBeLessThanOrEqual(18);
      expect(times.filter((u) => u >= t && u < t + 1000).length).toBeLessThan(20);
    }
    // Another portal has its own schedule: it goes at once.
    const other = await acquireAll([b], 'portal-2', 1);
    expect(other[0]).toBeLessThan(40);
  });

  test('a pause set by one process holds every process for that long, then the pace resumes', async () => {
    const keyPrefix = prefix();
    const options = { keyPrefix, limit: 100, intervalMs: 1000, headroom: 0 };
    const a = new PortalRateLimiter({ redis: redis(), ...options });
    const b = new PortalRateLimiter({ redis: redis(), ...options });
    await a.acquire('p');
    await a.pause('p', 400);
    expect(await b.pausedFor('p')).toBeGreaterThan(300);
    // A shorter pause does not cut a longer one short.
    await b.pause('p', 50);
    expect(await a.pausedFor('p')).toBeGreaterThan(300);
    const times = await acquireAll([b, a], 'p', 5);
    expect(times[0]).toBeGreaterThanOrEqual(390);
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(4 * 10 - 5);
    expect(await a.pausedFor('p')).toBe(0);
  });

  test('callers already waiting for a slot when a pause starts wait for the pause too', async () => {
    const options = { keyPrefix: prefix(), limit: 5, intervalMs: 1000, headroom: 0 }; // a slot every 200 ms
    const a = new PortalRateLimiter({ redis: redis(), ...options });
    const b = new PortalRateLimiter({ redis: redis(), ...options });
    await a.acquire('p');
    const start = performance.now();
    const waiting = b.acquire('p').then(() => performance.now() - start); // reserved the slot at ~200 ms
    await a.pause('p', 600);
    expect(await waiting).toBeGreaterThanOrEqual(590);
  });

  test('key prefixes keep limiters apart, and a burst lets an idle portal send that many at once', async () => {
    const bursty = new PortalRateLimiter({
      redis: redis(),
      keyPrefix: prefix(),
      limit: 10,
      intervalMs: 1000,
      headroom: 0,
      burst: 3,
    });
    const times = await acquireAll([bursty], 'p', 4);
    expect(times[2]).toBeLessThan(40);
    expect(times[3]).toBeGreaterThanOrEqual(95);
    const apart = new PortalRateLimiter({
      redis: redis(),
      keyPrefix: prefix(),
      limit: 10,
      intervalMs: 1000,
      headroom: 0,
    });
    expect((await acquireAll([apart], 'p', 1))[0]).toBeLessThan(40);
    expect(() => new PortalRateLimiter({ redis: redis(), limit: 2, headroom: 2 })).toThrow(/no budget/);
  });
});
