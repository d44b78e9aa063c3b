// What may be logged or acted on from an error the HubSpot client threw. The client's `message`
// embeds the response headers and body, so it is never logged: only these fields are.
import { httpStatusOf } from '../hubspot/config.js';

export type HubSpotErrorInfo = {
  /** HTTP status, or null for a network failure (no response). */
  status: number | null;
  /** HubSpot's error category (VALIDATION_ERROR, RATE_LIMIT, OBJECT_ALREADY_EXISTS, ...). */
  category: string | null;
  correlationId: string | null;
  /** A 429's policy: TEN_SECONDLY_ROLLING, SECONDLY or DAILY. */
  policyName: string | null;
  /** X-HubSpot-RateLimit-Interval-Milliseconds, when the response carried it. */
  intervalMs: number | null;
};

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

export function describeHubSpotError(error: unknown): HubSpotErrorInfo {
  const body = (error as { body?: unknown })?.body;
  const fields = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const headers = (error as { headers?: unknown })?.headers;
  const interval =
    headers && typeof headers === 'object'
      ? Number((headers as Record<string, unknown>)['x-hubspot-ratelimit-interval-milliseconds'])
      : Number.NaN;
  return {
    status: httpStatusOf(error),
    // A 429 body says errorType RATE_LIMIT where other errors say category.
    category: text(fields.category) ?? text(fields.errorType),
    correlationId: text(fields.correlationId),
    policyName: text(fields.policyName),
    intervalMs: Number.isFinite(interval) && interval > 0 ? interval : null,
  };
}

/** A loggable one-liner: `429 RATE_LIMIT (TEN_SECONDLY_ROLLING)`, `network error`. */
export function summarizeHubSpotError(info: HubSpotErrorInfo): string {
  if (info.status === null) return 'network error';
  const policy = info.policyName ? ` (${info.policyName})` : '';
  return `${info.status} ${info.category ?? 'ERROR'}${policy}`;
}

/**
 * A client error reduced to what may be logged, with the client's `code` and `body` fields so it
 * is matched the same way; anything with a status is replaced by one (network errors stay).
 */
export class HubSpotApiError extends Error {
  override readonly name = 'HubSpotApiError';
  readonly code: number | null;
  readonly body: { category: string | null; correlationId: string | null; policyName: string | null };

  constructor(info: HubSpotErrorInfo, what: string) {
    const correlation = info.correlationId ? ` (correlationId ${info.correlationId})` : '';
    super(`${what}: ${summarizeHubSpotError(info)}${correlation}`);
    this.code = info.status;
    this.body = { category: info.category, correlationId: info.correlationId, policyName: info.policyName };
  }
}

export const sanitizeHubSpotError = (error: unknown, what: string): unknown =>
  httpStatusOf(error) === null ? error : new HubSpotApiError(describeHubSpotError(error), what);
