// A per-shop model of Shopify's leaky bucket, fed by every response's
// extensions.cost.throttleStatus. Before a request it reserves the document's expected cost and
// waits until the modelled bucket holds it, so we never send a request we know will be throttled.
// A response's status predates the requests still in flight, so those stay deducted when the
// model is re-synced. One process sees only its own traffic; THROTTLED answers (from other
// processes' use) re-sync the model and are retried by AdminGraphql.

export type ThrottleStatus = { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };

/** `inFlight`: points reserved by requests sent but not yet answered. */
type Bucket = ThrottleStatus & { at: number; inFlight: number };

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
        bucket.inFlight += needed;
        return;
      }
      const waitMs = Math.ceil(((needed - bucket.currentlyAvailable) / bucket.restoreRate) * 1000);
      this.waitedMs += waitMs;
      await this.sleep(waitMs);
    }
  }

  /**
   * A request reserved with `cost` was answered. Its throttleStatus (if any) is the truth as of
   * the answer, less what other requests still in flight will take.
   */
  settle(shop: string, cost: number, status?: ThrottleStatus): void {
    const bucket = this.refilled(shop);
    bucket.inFlight = Math.max(0, bucket.inFlight - Math.min(cost, bucket.maximumAvailable));
    if (!status) return;
    bucket.maximumAvailable = status.maximumAvailable;
    bucket.restoreRate = status.restoreRate;
    bucket.currentlyAvailable = status.currentlyAvailable - bucket.inFlight;
  }

  available(shop: string): number {
    return this.refilled(shop).currentlyAvailable;
  }

  private refilled(shop: string): Bucket {
    const now = this.now();
    let bucket = this.buckets.get(shop);
    if (!bucket) {
      bucket = { ...this.initial, at: now, inFlight: 0 };
      this.buckets.set(shop, bucket);
    }
    const restored = ((now - bucket.at) / 1000) * bucket.restoreRate;
    bucket.currentlyAvailable = Math.min(bucket.maximumAvailable, bucket.currentlyAvailable + restored);
    bucket.at = now;
    return bucket;
  }
}
