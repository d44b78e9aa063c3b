// The HubSpot app's client configuration and the official API client built from it. Tests and
// the sandbox point `basePath` at the local emulator; the client is never mocked.
import { Client } from '@hubspot/api-client';

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
 * The client's own retries are off: our limiter paces requests, and a 429 or 5xx is handled by
 * the caller (a job retry), so one process never sleeps 10 s inside a request.
 */
export function hubspotClient(config: HubSpotConfig, accessToken?: string): Client {
  return new Client({
    ...(accessToken ? { accessToken } : {}),
    ...(config.basePath ? { basePath: config.basePath } : {}),
    numberOfApiCallRetries: 0,
  });
}

/** The HTTP status of an error the client threw (each generated module has its own class). */
export const httpStatusOf = (error: unknown): number | null => {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'number' ? code : null;
};
