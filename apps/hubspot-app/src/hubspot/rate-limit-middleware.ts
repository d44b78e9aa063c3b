// The portal's shared rate limiter, installed once as @hubspot/api-client middleware: every request
// of every API of a portal's client (crm.contacts, crm.deals, crm.properties, crm.pipelines,
// crm.associations, ...) waits for the portal's slot before it leaves, and a 429 pauses the
// portal for every process. Callers never pace a request themselves, so none is paced twice and
// none is forgotten. (The client's own `limiterOptions` is a Bottleneck per process, blind to
// the other processes sharing the portal's budget; it stays off.)
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Client } from '@hubspot/api-client';
import type { PortalRateLimiter } from '../crm/portal-rate-limiter.js';

/** What the middleware needs from the limiter (tests count acquires through it). */
export type PortalLimiter = Pick<PortalRateLimiter, 'acquire' | 'pause'>;

type ClientMiddleware = NonNullable<
  NonNullable<ConstructorParameters<typeof Client>[0]>['middleware']
>[number];

/** The parts of the generated http layer's RequestContext / ResponseContext used here. */
type ResponseContext = {
  httpStatusCode: number;
  headers: Record<string, string>;
  body: { text(): Promise<string> };
};

/** When a 429 names no interval (X-HubSpot-RateLimit-Interval-Milliseconds): HubSpot's 10 s window. */
export const DEFAULT_RATE_LIMIT_PAUSE_MS = 10_000;

/**
 * How long a 429 pauses the portal: the interval HubSpot named, else 10 s; null for the DAILY
 * policy, which a pause cannot help (the caller parks the work until the day's budget resets).
 * The writer reports the same value as its retry delay.
 */
export function rateLimitPauseMs(policyName: string | null, intervalMs: number | null): number | null {
  if (policyName === 'DAILY') return null;
  return intervalMs ?? DEFAULT_RATE_LIMIT_PAUSE_MS;
}

/** How the requests a caller starts inside `withPacing` wait for their slot. */
export type Pacing = {
  /** Aborted: requests still waiting for their slot reject with an AbortError and are never sent. */
  signal?: AbortSignal;
  /** Called when a request got its slot and goes out (a pipelining caller then queues the next). */
  onSlot?: () => void;
};

const pacing = new AsyncLocalStorage<Pacing>();

/**
 * Runs `call` with `options` for every request it makes. The generated APIs take no per-call
 * signal or hook, so they travel with the async context. A request already sent is not cancelled.
 */
export function withPacing<T>(options: Pacing, call: () => Promise<T>): Promise<T> {
  return pacing.run(options, call);
}

export const isAbortError = (error: unknown): boolean =>
  (error as { name?: unknown } | null)?.name === 'AbortError';

const intervalOf = (headers: Record<string, string>): number | null => {
  const value = Number(headers['x-hubspot-ratelimit-interval-milliseconds']);
  return Number.isFinite(value) && value > 0 ? value : null;
};

async function policyOf(response: ResponseContext): Promise<string | null> {
  try {
    const body = JSON.parse(await response.body.text()) as { policyName?: unknown } | null;
    return typeof body?.policyName === 'string' ? body.policyName : null;
  } catch {
    return null;
  }
}

/** Pre: wait for the portal's slot. Post: a 429 pauses the portal (the error still reaches the caller). */
export function portalRateLimitMiddleware(limiter: PortalLimiter, portalId: string): ClientMiddleware {
  return {
    async pre(context: unknown) {
      const options = pacing.getStore();
      await limiter.acquire(portalId, options?.signal);
      // The caller may have given up while the slot was granted: such a request is not sent.
      options?.signal?.throwIfAborted();
      options?.onSlot?.();
      return context;
    },
    async post(context: unknown) {
      const response = context as ResponseContext;
      if (response.httpStatusCode === 429) {
        // The body is buffered by the client, so reading it here leaves it for the response processor.
        const pauseMs = rateLimitPauseMs(await policyOf(response), intervalOf(response.headers));
        if (pauseMs !== null) await limiter.pause(portalId, pauseMs);
      }
      return context;
    },
  };
}
