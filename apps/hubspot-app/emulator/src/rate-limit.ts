// Per-portal rate limits as HubSpot applies them to a public OAuth app: a sliding 10-second window
// (110 requests by default), the CRM search API's own per-second limit, and an optional daily cap
// a test can switch on. Refused requests are not counted in the windows; they are in the stats.
import { newCorrelationId, type Reply } from './http.js';

export type Policy = 'TEN_SECONDLY_ROLLING' | 'SECONDLY' | 'DAILY';

export type LimitOptions = { tenSecondLimit: number; searchPerSecond: number };

export type PortalStats = {
  /** Every authenticated request that named this portal, refused ones included. */
  requests: number;
  /** Requests answered 429. */
  rateLimited: number;
  /** Requests per route ('POST /crm/v3/objects/contacts/batch/upsert'); unknown paths under 'METHOD path'. */
  byPath: Record<string, number>;
  /** Responses per HTTP status. */
  byStatus: Record<string, number>;
};

export const TEN_SECONDS_MS = 10_000;

// The search message must be exactly this: @hubspot/api-client retries on it (1 s x attempt).
const MESSAGES: Record<Policy, string> = {
  TEN_SECONDLY_ROLLING: 'You have reached your ten_secondly_rolling limit.',
  SECONDLY: 'You have reached your secondly limit.',
  DAILY: 'You have reached your daily limit.',
};

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export class PortalLimiter {
  private window: number[] = [];
  private searchWindow: number[] = [];
  private dailyLimit: number | null = null;
  private day = '';
  private dailyCount = 0;
  readonly stats: PortalStats = { requests: 0, rateLimited: 0, byPath: {}, byStatus: {} };

  constructor(private readonly options: LimitOptions) {}

  /** A cap on requests per UTC day (null removes it); 0 refuses everything with policy DAILY. */
  setDailyLimit(limit: number | null): void {
    this.dailyLimit = limit;
  }

  admit(now: number, search: boolean): { ok: true } | { ok: false; policy: Policy } {
    this.window = this.window.filter((at) => at > now - TEN_SECONDS_MS);
    this.searchWindow = this.searchWindow.filter((at) => at > now - 1000);
    if (this.day !== utcDay(now)) {
      this.day = utcDay(now);
      this.dailyCount = 0;
    }
    if (this.dailyLimit !== null && this.dailyCount >= this.dailyLimit) return { ok: false, policy: 'DAILY' };
    if (this.window.length >= this.options.tenSecondLimit)
      return { ok: false, policy: 'TEN_SECONDLY_ROLLING' };
    if (search && this.searchWindow.length >= this.options.searchPerSecond)
      return { ok: false, policy: 'SECONDLY' };
    this.window.push(now);
    if (search) this.searchWindow.push(now);
    this.dailyCount += 1;
    return { ok: true };
  }

  /** The headers HubSpot puts on every response to an OAuth app (the daily pair only when capped). */
  headers(): Record<string, string> {
    const headers: Record<string, string> = {
      'X-HubSpot-RateLimit-Interval-Milliseconds': String(TEN_SECONDS_MS),
      'X-HubSpot-RateLimit-Max': String(this.options.tenSecondLimit),
      'X-HubSpot-RateLimit-Remaining': String(Math.max(0, this.options.tenSecondLimit - this.window.length)),
    };
    if (this.dailyLimit !== null) {
      headers['X-HubSpot-RateLimit-Daily'] = String(this.dailyLimit);
      headers['X-HubSpot-RateLimit-Daily-Remaining'] = String(Math.max(0, this.dailyLimit - this.dailyCount));
    }
    return headers;
  }

  record(routeKey: string, status: number): void {
    this.stats.requests += 1;
    if (status === 429) this.stats.rateLimited += 1;
    this.stats.byPath[routeKey] = (this.stats.byPath[routeKey] ?? 0) + 1;
    this.stats.byStatus[status] = (this.stats.byStatus[status] ?? 0) + 1;
  }
}

export function rateLimitReply(policy: Policy): Reply {
  return {
    status: 429,
    body: {
      status: 'error',
      message: MESSAGES[policy],
      errorType: 'RATE_LIMIT',
      correlationId: newCorrelationId(),
      policyName: policy,
    },
  };
}
