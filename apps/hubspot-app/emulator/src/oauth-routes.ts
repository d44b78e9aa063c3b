// The OAuth endpoints @hubspot/api-client 14 calls (oauth.tokensApi, accessTokensApi,
// refreshTokensApi), plus the authorize page a browser would visit. Token endpoint errors use
// HubSpot's v1 body: {status: 'BAD_AUTH_CODE' | 'BAD_REFRESH_TOKEN' | ..., message, correlationId}.
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { newCorrelationId, type Reply } from './http.js';
import type { OAuthTokens, Redemption } from './tokens.js';

export type OAuthApp = { clientId: string; clientSecret: string; appId: number };

export type TokenRequestLogEntry = {
  grantType: string | null;
  portalId: number | null;
  status: number;
  at: number;
};

export type OAuthEndpoint = {
  app: OAuthApp;
  tokens: OAuthTokens;
  now: () => number;
  /** The portal a browser "installs" into when /oauth/authorize names none (the first added). */
  defaultPortalId(): number | undefined;
  hasPortal(portalId: number): boolean;
  log: TokenRequestLogEntry[];
};

export const EMULATOR_USER = { user: 'emulator-user@example.com', userId: 1 };
export const hubDomain = (portalId: number) => `portal-${portalId}.hubspot-emulator.local`;

const tokenBodySchema = z.object({
  grant_type: z.string().optional(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  code: z.string().optional(),
  redirect_uri: z.string().optional(),
  refresh_token: z.string().optional(),
});

const v1Error = (status: number, code: string, message: string): Reply => ({
  status,
  body: { status: code, message, correlationId: newCorrelationId() },
});

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function tokenReply(outcome: Redemption): Reply {
  if (!outcome.ok) return v1Error(400, outcome.status, outcome.message);
  const { pair } = outcome;
  return {
    status: 200,
    body: {
      token_type: 'bearer',
      refresh_token: pair.refreshToken,
      access_token: pair.accessToken,
      expires_in: pair.expiresIn,
    },
  };
}

function readFields(raw: string, contentType: string | undefined): unknown {
  if (!contentType?.includes('application/json')) return Object.fromEntries(new URLSearchParams(raw));
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
}

function grant(endpoint: OAuthEndpoint, body: z.infer<typeof tokenBodySchema>): Reply | Redemption {
  const { app, tokens } = endpoint;
  if (body.client_id !== app.clientId) return v1Error(400, 'BAD_CLIENT_ID', 'missing or invalid client id');
  if (!body.client_secret || !sameSecret(body.client_secret, app.clientSecret)) {
    return v1Error(400, 'BAD_CLIENT_SECRET', 'missing or invalid client secret');
  }
  if (body.grant_type === 'authorization_code') {
    if (!body.code) return v1Error(400, 'BAD_AUTH_CODE', 'missing or unknown auth code');
    if (!body.redirect_uri) return v1Error(400, 'BAD_REDIRECT_URI', 'missing redirect_uri');
    return tokens.redeemCode(body.code, body.redirect_uri);
  }
  if (body.grant_type === 'refresh_token') return tokens.useRefreshToken(body.refresh_token ?? '');
  return v1Error(400, 'BAD_GRANT_TYPE', `unsupported grant_type ${body.grant_type ?? '(none)'}`);
}

function token(endpoint: OAuthEndpoint, raw: string, contentType: string | undefined): Reply {
  const parsed = tokenBodySchema.safeParse(readFields(raw, contentType));
  if (!parsed.success) return v1Error(400, 'BAD_REQUEST', 'unreadable token request');
  const outcome = grant(endpoint, parsed.data);
  const reply = 'ok' in outcome ? tokenReply(outcome) : outcome;
  endpoint.log.push({
    grantType: parsed.data.grant_type ?? null,
    portalId: 'ok' in outcome && outcome.ok ? outcome.grant.portalId : null,
    status: reply.status,
    at: endpoint.now(),
  });
  return reply;
}

function authorize(endpoint: OAuthEndpoint, query: URLSearchParams): Reply {
  if (query.get('client_id') !== endpoint.app.clientId) {
    return v1Error(400, 'BAD_CLIENT_ID', 'missing or invalid client id');
  }
  const redirectUri = query.get('redirect_uri');
  if (!redirectUri) return v1Error(400, 'BAD_REDIRECT_URI', 'missing redirect_uri');
  const portalId = query.has('portal_id') ? Number(query.get('portal_id')) : endpoint.defaultPortalId();
  if (portalId === undefined || !endpoint.hasPortal(portalId)) {
    return v1Error(400, 'BAD_PORTAL', 'no emulated portal to install into: add one first');
  }
  const scopes = [...query.getAll('scope'), ...query.getAll('optional_scope')]
    .flatMap((s) => s.split(/[\s,]+/))
    .filter(Boolean);
  const code = endpoint.tokens.mintCode({ portalId, scopes }, redirectUri);
  const target = new URL(redirectUri);
  target.searchParams.set('code', code);
  const state = query.get('state');
  if (state !== null) target.searchParams.set('state', state);
  return { status: 302, headers: { location: target.toString() } };
}

/** Answers the OAuth paths; null for any other path. */
export function handleOAuth(
  endpoint: OAuthEndpoint,
  request: { method: string; path: string; query: URLSearchParams; raw: string; contentType?: string },
): Reply | null {
  const { method, path } = request;
  if (method === 'POST' && path === '/oauth/v1/token')
    return token(endpoint, request.raw, request.contentType);
  if (method === 'GET' && path === '/oauth/authorize') return authorize(endpoint, request.query);
  const access = /^\/oauth\/v1\/access-tokens\/([^/]+)$/.exec(path);
  if (method === 'GET' && access) {
    const found = endpoint.tokens.lookup(decodeURIComponent(access[1] ?? ''));
    if (!found.ok) return v1Error(404, 'error', 'Token not found, expired or revoked');
    return {
      status: 200,
      body: {
        token: decodeURIComponent(access[1] ?? ''),
        user: EMULATOR_USER.user,
        hub_domain: hubDomain(found.grant.portalId),
        scopes: found.grant.scopes,
        scope_to_scope_group_pks: [],
        trial_scopes: [],
        trial_scope_to_scope_group_pks: [],
        hub_id: found.grant.portalId,
        app_id: endpoint.app.appId,
        expires_in: Math.max(0, Math.floor((found.expiresAt - endpoint.now()) / 1000)),
        user_id: EMULATOR_USER.userId,
        token_type: 'access',
      },
    };
  }
  const refresh = /^\/oauth\/v1\/refresh-tokens\/([^/]+)$/.exec(path);
  if (refresh && (method === 'GET' || method === 'DELETE')) {
    const token = decodeURIComponent(refresh[1] ?? '');
    const grant = endpoint.tokens.refreshTokenInfo(token);
    if (!grant) return v1Error(404, 'error', 'Refresh token not found or revoked');
    if (method === 'DELETE') {
      endpoint.tokens.revokeRefreshToken(token);
      return { status: 204 };
    }
    return {
      status: 200,
      body: {
        token,
        user: EMULATOR_USER.user,
        hub_domain: hubDomain(grant.portalId),
        scopes: grant.scopes,
        hub_id: grant.portalId,
        client_id: endpoint.app.clientId,
        user_id: EMULATOR_USER.userId,
        token_type: 'refresh',
      },
    };
  }
  return null;
}
