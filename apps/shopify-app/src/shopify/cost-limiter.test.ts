import { describe, expect, test } from 'vitest';
import { CostLimiter } from './cost-limiter.js';

function clock() {
  let t = 0;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe('CostLimiter', () => {
  test('spends the bucket, then waits exactly as long as the restore rate needs', async () => {
    const c = clock();
    const limiter = new CostLimiter({
      ...c,
      initial: { maximumAvailable: 100, currentlyAvailable: 100, restoreRate: 50 },
    });
    for (let i = 0; i < 10; i++) await limiter.reserve('a.myshopify.com', 10);
    expect(c.now()).toBe(0);
    await limiter.reserve('a.myshopify.com', 10);
    expect(c.now()).toBe(200); // 10 points at 50/s
    expect(limiter.waitedMs).toBe(200);
  });

  test('shops have separate buckets', async () => {
    const c = clock();
    const limiter = new CostLimiter({
      ...c,
      initial: { maximumAvailable: 20, currentlyAvailable: 20, restoreRate: 10 },
    });
    await limiter.reserve('a.myshopify.com', 20);
    await limiter.reserve('b.myshopify.com', 20);
    expect(c.now()).toBe(0);
  });

  test("a response's throttle status replaces the model", async () => {
    const c = clock();
    const limiter = new CostLimiter({ ...c });
    limiter.settle('a.myshopify.com', 0, { maximumAvailable: 1000, currentlyAvailable: 5, restoreRate: 50 });
    await limiter.reserve('a.myshopify.com', 10);
    expect(c.now()).toBe(100);
    c.advance(19_000);
    expect(limiter.available('a.myshopify.com')).toBe(950);
    c.advance(1_000);
    expect(limiter.available('a.myshopify.com')).toBe(1000);
  });

  test('a cost above the bucket size waits for a full bucket instead of forever', async () => {
    const c = clock();
    const limiter = new CostLimiter({
      ...c,
      initial: { maximumAvailable: 50, currentlyAvailable: 0, restoreRate: 25 },
    });
    await limiter.reserve('a.myshopify.com', 80);
    expect(c.now()).toBe(2000);
  });

  test('a status answered while other requests are in flight still counts them as spent', async () => {
    const c = clock();
    const limiter = new CostLimiter({
      ...c,
      initial: { maximumAvailable: 30, currentlyAvailable: 30, restoreRate: 10 },
    });
    for (let i = 0; i < 3; i++) await limiter.reserve('a.myshopify.com', 10);
    // The first answer saw only its own charge; the other two have not reached Shopify yet.
    limiter.settle('a.myshopify.com', 10, { maximumAvailable: 30, currentlyAvailable: 20, restoreRate: 10 });
    expect(limiter.available('a.myshopify.com')).toBe(0);
    await limiter.reserve('a.myshopify.com', 10);
    expect(c.now()).toBe(1000);
  });
});
