import { expect, test } from 'vitest';
import { TokenBucketLimiter } from './rate-limit.js';

test('a key spends its burst, then refills at perSecond, never above the burst', () => {
  const clock = { t: 0 };
  const limiter = new TokenBucketLimiter({ perSecond: 2, burst: 4, now: () => clock.t });
  for (let i = 0; i < 4; i++) expect(limiter.take('a').allowed).toBe(true);
  expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  expect(limiter.take('b').allowed).toBe(true);
  clock.t = 500; // one token back
  expect(limiter.take('a').allowed).toBe(true);
  expect(limiter.take('a').allowed).toBe(false);
  clock.t = 60_000; // a long pause refills to the burst only
  for (let i = 0; i < 4; i++) expect(limiter.take('a').allowed).toBe(true);
  expect(limiter.take('a').allowed).toBe(false);
});

test('Retry-After covers the time to the next token at slow rates', () => {
  const limiter = new TokenBucketLimiter({ perSecond: 0.2, burst: 1, now: () => 0 });
  expect(limiter.take('a').allowed).toBe(true);
  expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 5 });
});

test('the map keeps at most maxKeys and drops the least recently seen key', () => {
  const limiter = new TokenBucketLimiter({ perSecond: 1, burst: 1, maxKeys: 2, now: () => 0 });
  limiter.take('a');
  limiter.take('b');
  limiter.take('a'); // refused, but a is now the most recently seen
  limiter.take('c'); // evicts b
  expect(limiter.size).toBe(2);
  expect(limiter.take('a').allowed).toBe(false); // a kept its empty bucket
  expect(limiter.take('b').allowed).toBe(true); // b starts afresh
});

test('refuses a configuration that would block everyone', () => {
  expect(() => new TokenBucketLimiter({ perSecond: 0, burst: 5, now: Date.now })).toThrow();
  expect(() => new TokenBucketLimiter({ perSecond: 5, burst: 0, now: Date.now })).toThrow();
});
