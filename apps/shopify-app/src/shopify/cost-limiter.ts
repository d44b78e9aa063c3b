// A per-shop model of Shopify's leaky bucket, fed by every response's
// extensions.cost.throttleStatus. Before a request it reserves the document's expected cost and
// waits until the modelled bucket holds it, so we never send a request we know will be throttled.
// One process sees only its own traffic; THROTTLED answers (from other processes' use) re-sync
// the model and are retried by AdminGraphql.

export type ThrottleStatus = { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };

type Bucket = ThrottleStatus & { at: number };

export type CostLimiterOptions = {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Assumed until the shop's first response says otherwise (Shopify's Standard plan). */
  initial?: ThrottleStatus;
};

const sleepMs = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class CostLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly initial: ThrottleStatus;
  /** Time spent waiting for the bucket to refill, in ms (for metrics and tests). */
  waitedMs = 0;

  constructor(options: CostLimiterOptions = {}) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? sleepMs;
    this.initial = options.initial ?? { maximumAvailable: 2000, currentlyAvailable: 2000, restoreRate: 100 };
  }

  /** Waits until `cost` points are (modelled as) available for the shop, then takes them. */
  async reserve(shop: string, cost: number): Promise<void> {
    for (;;) {
      const bucket = this.refilled(shop);
      const needed = Math.min(cost, bucket.maximumAvailable);
      if (bucket.currentlyAvailable >= needed) {
        bucket.currentlyAvailable -= needed;
        return;
      }
      const waitMs = Math.ceil(((needed - bucket.currentlyAvailable) / bucket.restoreRate) * 1000);
      this.waitedMs += waitMs;
      await this.sleep(waitMs);
    }
  }

  /** A response's throttleStatus is the truth: replace the model with it. */
  observe(shop: string, status: ThrottleStatus): void {
    this.buckets.set(shop, { ...status, at: this.now() });
  }

  /** Gives back a reservation that was never charged (the request did not run). */
  release(shop: string, cost: number): void {
    const bucket = this.refilled(shop);
    bucket.currentlyAvailable = Math.min(bucket.maximumAvailable, bucket.currentlyAvailable + cost);
  }

  available(shop: string): number {
    return this.refilled(shop).currentlyAvailable;
  }

  private refilled(shop: string): Bucket {
    const now = this.now();
    let bucket = this.buckets.get(shop);
    if (!bucket) {
      bucket = { ...this.initial, at: now };
      this.buckets.set(shop, bucket);
    }
    const restored = ((now - bucket.at) / 1000) * bucket.restoreRate;
    bucket.currentlyAvailable = Math.min(bucket.maximumAvailable, bucket.currentlyAvailable + restored);
    bucket.at = now;
    return bucket;
  }
}
