// Per-client token buckets kept in memory: each key may spend `burst` requests at once and
// regains `perSecond` tokens a second. The map is bounded; the least recently seen key is dropped
// first, so a flood of distinct addresses costs memory up to `maxKeys` and no more.

export type RateLimitOptions = {
  perSecond: number;
  burst: number;
  /** Keys kept at most (default 10,000). */
  maxKeys?: number;
  /** Milliseconds; injectable so tests move time without waiting. */
  now: () => number;
};

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

type Bucket = { tokens: number; updatedAt: number };

const ALLOWED: RateLimitDecision = { allowed: true };

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxKeys: number;

  constructor(private readonly options: RateLimitOptions) {
    if (!(options.perSecond > 0) || !(options.burst >= 1)) {
      throw new Error('rate limit needs perSecond > 0 and burst >= 1');
    }
    this.maxKeys = options.maxKeys ?? 10_000;
  }

  /** Takes one token for `key` if there is one. */
  take(key: string): RateLimitDecision {
    const now = this.options.now();
    let bucket = this.buckets.get(key);
    if (bucket) {
      this.buckets.delete(key);
      const refill = ((now - bucket.updatedAt) / 1000) * this.options.perSecond;
      if (refill > 0) {
        bucket.tokens = Math.min(this.options.burst, bucket.tokens + refill);
        bucket.updatedAt = now;
      }
    } else {
      bucket = { tokens: this.options.burst, updatedAt: now };
      if (this.buckets.size >= this.maxKeys) {
        const oldest = this.buckets.keys().next();
        if (!oldest.done) this.buckets.delete(oldest.value);
      }
    }
    // Re-inserted on every visit: Map order is least recently seen first.
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return ALLOWED;
    }
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.options.perSecond)),
    };
  }

  get size(): number {
    return this.buckets.size;
  }
}
