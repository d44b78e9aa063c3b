// POST /admin/oauth/access_token - token exchange (session token or non-expiring offline token to
// offline access token) and refresh, with the bodies @shopify/shopify-api v15 sends and expects.
// The host is the emulator's, not the shop's: the shop comes from the session token's dest, the
// refresh token or the access token being migrated.
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { type AppCredentials, checkSessionToken } from './session-token.js';
import type { ExpiringPair, TokenStore } from './tokens.js';

export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const ID_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:id_token';
export const OFFLINE_TOKEN_TYPE = 'urn:shopify:params:oauth:token-type:offline-access-token';

export type OAuthApp = AppCredentials & { scopes: string };

export type TokenRequestLogEntry = {
  grantType: string | null;
  shop: string | null;
  status: number;
  at: number;
};

export type TokenEndpoint = {
  app: OAuthApp;
  tokens: TokenStore;
  now: () => number;
  isInstalled(shop: string): boolean;
  log: TokenRequestLogEntry[];
};

type Reply = { status: number; body: Record<string, unknown>; shop: string | null };

const clientSchema = z.object({ client_id: z.string(), client_secret: z.string() });
const exchangeSchema = z.object({
  subject_token: z.string().min(1),
  subject_token_type: z.string().min(1),
  requested_token_type: z.string().min(1),
  expiring: z.union([z.string(), z.number(), z.boolean()]).optional(),
});
const refreshSchema = z.object({ refresh_token: z.string().min(1) });

const fail = (error: string, description: string, shop: string | null = null): Reply => ({
  status: 400,
  body: { error, error_description: description },
  shop,
});

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const expiringReply = (shop: string, scope: string, pair: ExpiringPair): Reply => ({
  status: 200,
  body: {
    access_token: pair.accessToken,
    scope,
    expires_in: pair.expiresIn,
    refresh_token: pair.refreshToken,
    refresh_token_expires_in: pair.refreshTokenExpiresIn,
  },
  shop,
});

function exchange(endpoint: TokenEndpoint, body: Record<string, unknown>): Reply {
  const parsed = exchangeSchema.safeParse(body);
  if (!parsed.success) {
    return fail('invalid_request', 'subject_token, subject_token_type and requested_token_type are required');
  }
  const request = parsed.data;
  const expiring = request.expiring === '1' || request.expiring === 1 || request.expiring === true;
  if (request.requested_token_type !== OFFLINE_TOKEN_TYPE) {
    return fail('invalid_request', 'The emulator issues offline access tokens only');
  }
  const { app, tokens } = endpoint;
  if (request.subject_token_type === OFFLINE_TOKEN_TYPE) {
    // Migration of a non-expiring offline token: the old token stops working.
    if (!expiring)
      return fail('invalid_request', 'A non-expiring token can only be exchanged for an expiring one');
    const shop = tokens.nonExpiringShopOf(request.subject_token);
    if (!shop)
      return fail('invalid_subject_token', 'The subject token is not a live non-expiring offline token');
    tokens.revokeAccess(request.subject_token);
    return expiringReply(shop, app.scopes, tokens.issueExpiring(shop));
  }
  if (request.subject_token_type !== ID_TOKEN_TYPE) {
    return fail('invalid_request', `Unsupported subject_token_type ${request.subject_token_type}`);
  }
  const checked = checkSessionToken(app, request.subject_token, endpoint.now());
  if (!checked.ok) return fail('invalid_subject_token', `The session token is invalid: ${checked.reason}`);
  if (!endpoint.isInstalled(checked.shop)) {
    return fail('invalid_subject_token', `The app is not installed on ${checked.shop}`);
  }
  if (expiring) return expiringReply(checked.shop, app.scopes, tokens.issueExpiring(checked.shop));
  return {
    status: 200,
    body: { access_token: tokens.issueNonExpiring(checked.shop), scope: app.scopes },
    shop: checked.shop,
  };
}

function refresh(endpoint: TokenEndpoint, body: Record<string, unknown>): Reply {
  const parsed = refreshSchema.safeParse(body);
  if (!parsed.success) return fail('invalid_request', 'refresh_token is required');
  const outcome = endpoint.tokens.useRefreshToken(parsed.data.refresh_token);
  if (!outcome.ok) return fail('invalid_grant', outcome.reason);
  return expiringReply(outcome.shop, endpoint.app.scopes, outcome.pair);
}

export function handleTokenRequest(endpoint: TokenEndpoint, body: Record<string, unknown>): Reply {
  const grantType = typeof body.grant_type === 'string' ? body.grant_type : null;
  const reply = (() => {
    const client = clientSchema.safeParse(body);
    if (
      !client.success ||
      client.data.client_id !== endpoint.app.apiKey ||
      !sameSecret(client.data.client_secret, endpoint.app.apiSecret)
    ) {
      return fail('invalid_client', 'Client authentication failed: unknown client_id or wrong client_secret');
    }
    if (grantType === TOKEN_EXCHANGE_GRANT) return exchange(endpoint, body);
    if (grantType === 'refresh_token') return refresh(endpoint, body);
    return fail(
      'unsupported_grant_type',
      `The emulator does not implement grant_type ${grantType ?? '(none)'}`,
    );
  })();
  endpoint.log.push({ grantType, shop: reply.shop, status: reply.status, at: endpoint.now() });
  return reply;
}

/** JSON (what the library sends) or a form body (what curl and OAuth tools often send). */
export function parseTokenRequestBody(
  raw: string,
  contentType: string | undefined,
): Record<string, unknown> | null {
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(raw));
  }
  try {
    const body: unknown = JSON.parse(raw);
    return body !== null && typeof body === 'object' && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
