// One request budget per HubSpot portal, shared by every process through Redis: a GCRA schedule
// (evenly spaced slots at `limit - headroom` per interval, Redis's clock) and a pause that a 429
// sets for everyone. HubSpot counts a sliding 10 s window; evenly spaced requests never put more
// than `budget + burst - 1` in any window, so the headroom absorbs network jitter, not bursts.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';

export type PortalRateLimiterOptions = {
  redis: Redis;
  /** Keys are `${keyPrefix}:{portalId}:tat|pause`; tests use one prefix each. */
  keyPrefix?: string;
  /** The portal's limit per interval (public OAuth apps: 110 per 10 s). */
  limit?: number;
  intervalMs?: number;
  /** Requests per interval left unused, against jitter between our clock and HubSpot's. */
  headroom?: number;
  /** Requests an idle portal may send at once (1: always evenly spaced). */
  burst?: number;
};

export const HUBSPOT_TEN_SECOND_LIMIT = 110;

// Reserves the next slot: returns {1, ms until the slot} or, while paused, {0, ms left}.
// Slots are reserved, not polled for, so waiting callers wake once, in order.
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local paused = redis.call('PTTL', KEYS[2])
if paused > 0 then return {0, paused} end
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local at = tat - tolerance
if at < now then at = now end
local nextTat = tat + interval
redis.call('SET', KEYS[1], string.format('%.3f', nextTat), 'PX', math.ceil(nextTat - now) + 60000)
return {1, math.ceil(at - now)}
`;

// Pauses the portal for ARGV[1] ms unless a longer pause is already running.
const PAUSE = `
local left = redis.call('PTTL', KEYS[1])
if left < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], '1', 'PX', ARGV[1]) end
return 1
`;

type Scripts = {
  hubspotLimiterReserve(
    tat: string,
    pause: string,
    interval: number,
    tolerance: number,
  ): Promise<[number, number]>;
  hubspotLimiterPause(pause: string, ms: number): Promise<number>;
};

export class PortalRateLimiter {
  private readonly redis: Redis & Scripts;
  /** Where this limiter's keys live (another process shares a portal's budget with the same prefix). */
  readonly keyPrefix: string;
  /** Milliseconds between two slots. */
  readonly spacingMs: number;
  private readonly toleranceMs: number;

  constructor(options: PortalRateLimiterOptions) {
    const limit = options.limit ?? HUBSPOT_TEN_SECOND_LIMIT;
    const budget = limit - (options.headroom ?? 2);
    if (budget < 1) throw new Error(`Rate limit ${limit} leaves no budget after the headroom`);
    this.spacingMs = (options.intervalMs ?? 10_000) / budget;
    this.toleranceMs = (Math.max(1, options.burst ?? 1) - 1) * this.spacingMs;
    this.keyPrefix = options.keyPrefix ?? 'hubspot:rate';
    options.redis.defineCommand('hubspotLimiterReserve', { numberOfKeys: 2, lua: RESERVE });
    options.redis.defineCommand('hubspotLimiterPause', { numberOfKeys: 1, lua: PAUSE });
    this.redis = options.redis as Redis & Scripts;
  }

  /**
   * Resolves when this process may send one request to the portal (sleeps; never spins). An
   * aborted `signal` rejects with an AbortError; a slot reserved meanwhile goes unused.
   */
  async acquire(portalId: string, signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const [reserved, waitMs] = await this.redis.hubspotLimiterReserve(
        this.key(portalId, 'tat'),
        this.key(portalId, 'pause'),
        this.spacingMs,
        this.toleranceMs,
      );
      if (waitMs > 0) await sleep(waitMs, undefined, signal ? { signal } : {});
      if (!reserved) continue;
      // A 429 elsewhere may have paused the portal while this slot was waiting.
      if (waitMs > 0 && (await this.pausedFor(portalId)) > 0) continue;
      return;
    }
  }

  /** After a 429: no process sends to the portal for `ms`. */
  async pause(portalId: string, ms: number): Promise<void> {
    await this.redis.hubspotLimiterPause(this.key(portalId, 'pause'), Math.max(1, Math.ceil(ms)));
  }

  /** Milliseconds the portal stays paused (0 when it is not). */
  async pausedFor(portalId: string): Promise<number> {
    return Math.max(0, await this.redis.pttl(this.key(portalId, 'pause')));
  }

  private key(portalId: string, kind: 'tat' | 'pause'): string {
    // The hash tag keeps a portal's keys on one Redis Cluster slot.
    return `${this.keyPrefix}:{${portalId}}:${kind}`;
  }
}
