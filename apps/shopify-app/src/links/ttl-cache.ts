// A small in-process cache for the referral link's lookups: entries live `ttlMs`, at most
// `maxEntries` are kept (least recently used go first), and concurrent misses for one key share
// a single load, so a burst of clicks on a fresh link costs one query, not one per click.

export type TtlCacheOptions = {
  ttlMs: number;
  maxEntries: number;
  /** Milliseconds; injectable so tests move time without waiting. */
  now: () => number;
};

type Entry<V> = { value: V; expiresAt: number };

export class TtlCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly inflight = new Map<string, Promise<V>>();

  constructor(private readonly options: TtlCacheOptions) {}

  /** The cached value, or undefined on a miss or an expired entry. Never loads. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.options.now()) {
      this.entries.delete(key);
      return undefined;
    }
    // Re-insert so Map order is least recently used first.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Loads a missing key once, however many callers ask while the load runs; errors are not cached. */
  load(key: string, loader: () => Promise<V>): Promise<V> {
    const running = this.inflight.get(key);
    if (running) return running;
    const promise = loader().then(
      (value) => {
        this.inflight.delete(key);
        this.set(key, value);
        return value;
      },
      (error: unknown) => {
        this.inflight.delete(key);
        throw error;
      },
    );
    this.inflight.set(key, promise);
    return promise;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.options.now() + this.options.ttlMs });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
