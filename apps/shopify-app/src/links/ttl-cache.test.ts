import { expect, test } from 'vitest';
import { TtlCache } from './ttl-cache.js';

const cacheAt = (clock: { t: number }, maxEntries = 100) =>
  new TtlCache<string | null>({ ttlMs: 1_000, maxEntries, now: () => clock.t });

test('concurrent misses for one key share one load; the value then lives until its TTL', async () => {
  const clock = { t: 0 };
  const cache = cacheAt(clock);
  let loads = 0;
  let release!: (v: string) => void;
  const loader = () => {
    loads += 1;
    return new Promise<string>((r) => {
      release = r;
    });
  };
  const waiting = [cache.load('k', loader), cache.load('k', loader), cache.load('k', loader)];
  release('v1');
  expect(await Promise.all(waiting)).toEqual(['v1', 'v1', 'v1']);
  expect(loads).toBe(1);
  clock.t = 999;
  expect(cache.get('k')).toBe('v1');
  clock.t = 1_000;
  expect(cache.get('k')).toBeUndefined();
});

test('null is a cached answer ("none"), distinct from a miss', async () => {
  const cache = cacheAt({ t: 0 });
  await cache.load('gone', async () => null);
  expect(cache.get('gone')).toBeNull();
  expect(cache.get('never')).toBeUndefined();
});

test('a failed load is not cached and the next caller loads again', async () => {
  const cache = cacheAt({ t: 0 });
  await expect(cache.load('k', async () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
  expect(cache.get('k')).toBeUndefined();
  expect(await cache.load('k', async () => 'ok')).toBe('ok');
});

test('the size stays bounded and the least recently used entry goes first', () => {
  const cache = cacheAt({ t: 0 }, 3);
  cache.set('a', '1');
  cache.set('b', '2');
  cache.set('c', '3');
  expect(cache.get('a')).toBe('1'); // a is now the most recent
  cache.set('d', '4');
  expect(cache.size).toBe(3);
  expect(cache.get('b')).toBeUndefined();
  expect([cache.get('a'), cache.get('c'), cache.get('d')]).toEqual(['1', '3', '4']);
});
