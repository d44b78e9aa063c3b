// The HubSpot app's client configuration and the official API client built from it. Tests and
// the sandbox point `basePath` at the local emulator; the client is never mocked.
import { Client } from '@hubspot/api-client';
import { type PortalLimiter, portalRateLimitMiddleware } from './rate-limit-middleware.js';

export const REQUIRED_SCOPES = [
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.schemas.contacts.write',
  'crm.objects.deals.read',
  'oauth',
] as const;

export type HubSpotConfig = {
  clientId: string;
  clientSecret: string;
  /** The app's public URL: the OAuth redirect is `${appUrl}/hubspot/oauth/callback`. */
  appUrl: string;
  /** The API's origin (https://api.hubapi.com, or the emulator's URL). */
  basePath?: string | undefined;
};

export const redirectUri = (config: HubSpotConfig): string =>
  `${config.appUrl.replace(/\/+$/, '')}/hubspot/oauth/callback`;

/**
 * The client for OAuth calls only (authorization URL, code exchange, refresh, token info): no access
 * token and no rate limiter. Those calls go to HubSpot's OAuth endpoints, which are not counted in
 * a portal's 110 requests per 10 s (that budget is for API calls made with the portal's token; the
 * emulator counts them the same way); a code exchange does not even know its portal until it
 * answers, and a refresh happens at most once per token lifetime per merchant (under a lock).
 * Pacing them with a portal's API calls would only delay a connect behind a running sync.
 */
export function hubspotClient(config: HubSpotConfig): Client {
  return new Client({
    ...(config.basePath ? { basePath: config.basePath } : {}),
    numberOfApiCallRetries: 0,
  });
}

/**
 * A portal's API client, built only by `HubSpotConnections.client`: the portal's shared limiter is
 * its middleware, so every request of every API waits for the portal's slot and a 429 pauses the
 * portal for every process. The client's own retries are off: our limiter paces requests, and a
 * 429 or 5xx is handled by the caller (a job retry), so one process never sleeps 10 s inside a
 * request.
 */
export function hubspotPortalClient(
  config: HubSpotConfig,
  session: { accessToken: string; portalId: string },
  limiter: PortalLimiter,
): Client {
  return new Client({
    accessToken: session.accessToken,
    ...(config.basePath ? { basePath: config.basePath } : {}),
    numberOfApiCallRetries: 0,
    middleware: [portalRateLimitMiddleware(limiter, session.portalId)],
  });
}

/** The HTTP status of an error the client threw (each generated module has its own class). */
export const httpStatusOf = (error: unknown): number | null => {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'number' ? code : null;
};
