// The referral link's lookups, cached in process with lru-cache: an answer lives `ttlMs`, at most
// `maxEntries` are kept (least recently used go first), "none" (null) is cached like any answer,
// a failed load is not, and concurrent misses for one key share a single load, so a burst of
// clicks on a fresh link costs one query, not one per click.
import { LRUCache } from 'lru-cache';

export type LookupCacheOptions<V> = {
  /** How long an answer is reused, in whole milliseconds (at least 2). */
  ttlMs: number;
  maxEntries: number;
  /** Milliseconds since the epoch (never 0); injectable so tests move time without waiting. */
  now: () => number;
  /** The lookup behind the cache; null means "none", and is cached too. */
  load: (key: string) => Promise<V | null>;
};

export type LookupCache<V> = {
  /** The cached answer, or the loaded one on a miss or an expired entry (then cached). */
  get(key: string): Promise<V | null>;
  /** Entries held, loads in progress included. */
  readonly size: number;
};

/** lru-cache keeps no null or undefined values: every answer is stored in a box. */
type Box<V> = { answer: V | null };

export function lookupCache<V>(options: LookupCacheOptions<V>): LookupCache<V> {
  const { ttlMs, load } = options;
  if (!Number.isInteger(ttlMs) || ttlMs < 2)
    throw new RangeError(`cache TTL must be an integer ≥ 2 ms: ${ttlMs}`);
  const cache = new LRUCache<string, Box<V>>({
    max: options.maxEntries,
    // lru-cache drops an entry once its age exceeds `ttl`; on a millisecond clock, `ttlMs - 1`
    // ends it when its age reaches ttlMs, as a TTL of ttlMs means.
    ttl: ttlMs - 1,
    // Read the clock on every check (the default reuses a reading for 1 ms of real time).
    ttlResolution: 0,
    perf: { now: options.now },
    // A load whose placeholder is evicted by other keys still answers its callers.
    ignoreFetchAbort: true,
    fetchMethod: async (key) => ({ answer: await load(key) }),
  });
  return {
    async get(key) {
      const box = await cache.fetch(key);
      // fetchMethod always resolves to a box or rejects; fetch yields undefined for neither.
      if (!box) throw new Error(`lookup cache: no answer for ${key}`);
      return box.answer;
    },
    get size() {
      return cache.size;
    },
  };
}
