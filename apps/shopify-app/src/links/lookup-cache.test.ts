import { expect, test } from 'vitest';
import { lookupCache } from './lookup-cache.js';

const T0 = 1_000_000; // lru-cache ignores the TTL of an entry stored at time 0

/** A cache with a 1 s TTL over `answers`, counting the loads per key. */
function cacheAt(clock: { t: number }, answers: Record<string, string | null> = {}, maxEntries = 100) {
  const loads: string[] = [];
  const cache = lookupCache<string>({
    ttlMs: 1_000,
    maxEntries,
    now: () => clock.t,
    load: async (key) => {
      loads.push(key);
      return answers[key] ?? null;
    },
  });
  return { cache, loads };
}

test('concurrent misses for one key share one load; the value then lives until its TTL', async () => {
  const clock = { t: T0 };
  let loads = 0;
  let release!: (v: string) => void;
  const cache = lookupCache<string>({
    ttlMs: 1_000,
    maxEntries: 100,
    now: () => clock.t,
    load: () => {
      loads += 1;
      return new Promise<string>((r) => {
        release = r;
      });
    },
  });
  const waiting = [cache.get('k'), cache.get('k'), cache.get('k')];
  release('v1');
  expect(await Promise.all(waiting)).toEqual(['v1', 'v1', 'v1']);
  expect(loads).toBe(1);
  clock.t = T0 + 999;
  expect(await cache.get('k')).toBe('v1');
  expect(loads).toBe(1);
  clock.t = T0 + 1_000;
  const reloaded = cache.get('k');
  release('v2');
  expect(await reloaded).toBe('v2');
  expect(loads).toBe(2);
});

test('null is a cached answer ("none"), with the same TTL', async () => {
  const clock = { t: T0 };
  const answers: Record<string, string | null> = {};
  const { cache, loads } = cacheAt(clock, answers);
  expect(await cache.get('gone')).toBeNull();
  answers.gone = 'back';
  clock.t = T0 + 999;
  expect(await cache.get('gone')).toBeNull();
  expect(loads).toEqual(['gone']);
  clock.t = T0 + 1_000;
  expect(await cache.get('gone')).toBe('back');
  expect(loads).toEqual(['gone', 'gone']);
});

test('a failed load is not cached and the next caller loads again', async () => {
  let fail = true;
  let loads = 0;
  const cache = lookupCache<string>({
    ttlMs: 1_000,
    maxEntries: 100,
    now: () => T0,
    load: async () => {
      loads += 1;
      if (fail) throw new Error('db down');
      return 'ok';
    },
  });
  await expect(cache.get('k')).rejects.toThrow('db down');
  expect(cache.size).toBe(0);
  fail = false;
  expect(await cache.get('k')).toBe('ok');
  expect(await cache.get('k')).toBe('ok');
  expect(loads).toBe(2);
});

test('the size stays bounded and the least recently used entry goes first', async () => {
  const { cache, loads } = cacheAt({ t: T0 }, { a: '1', b: '2', c: '3', d: '4' }, 3);
  for (const key of ['a', 'b', 'c']) await cache.get(key);
  expect(await cache.get('a')).toBe('1'); // a is now the most recent
  await cache.get('d');
  expect(cache.size).toBe(3);
  expect(loads).toEqual(['a', 'b', 'c', 'd']);
  expect([await cache.get('a'), await cache.get('c'), await cache.get('d')]).toEqual(['1', '3', '4']);
  expect(loads).toEqual(['a', 'b', 'c', 'd']); // all three hits
  expect(await cache.get('b')).toBe('2'); // b was evicted: loaded again
  expect(loads).toEqual(['a', 'b', 'c', 'd', 'b']);
});

test('a load whose entry is evicted while it runs still answers its callers', async () => {
  let release!: (v: string) => void;
  const cache = lookupCache<string>({
    ttlMs: 1_000,
    maxEntries: 2,
    now: () => T0,
    load: (key) =>
      key === 'slow'
        ? new Promise<string>((r) => {
            release = r;
          })
        : Promise.resolve(key),
  });
  const slow = cache.get('slow');
  await cache.get('x');
  await cache.get('y'); // evicts the pending 'slow'
  release('done');
  expect(await slow).toBe('done');
});

test('a TTL below 2 ms or not whole is refused', () => {
  const make = (ttlMs: number) => () =>
    lookupCache<string>({ ttlMs, maxEntries: 1, now: () => T0, load: async () => null });
  expect(make(1)).toThrow(RangeError);
  expect(make(1.5)).toThrow(RangeError);
  expect(make(2)).not.toThrow();
});
