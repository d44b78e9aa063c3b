// One CRM request, in HubSpot's order: the bearer token names the portal (401 if it is unknown,
// revoked or expired), the portal's rate limits admit it (429), an injected fault may answer it
// (5xx), the token's scopes must cover the route (403 MISSING_SCOPES), then the route runs. Every
// response after authentication carries the portal's X-HubSpot-RateLimit-* headers.
import { fail, type Reply } from './http.js';
import type { PortalState } from './portal.js';
import { type PortalLimiter, rateLimitReply } from './rate-limit.js';
import { objectTypeOf, type RouteMatch } from './router.js';
import type { OAuthTokens } from './tokens.js';

export type Fault = {
  portalId?: number;
  /** A request path, a route template ('/crm/v3/objects/deals/{dealId}') or a pattern; any when absent. */
  path?: string | RegExp;
  status: number;
  body?: unknown;
  remaining: number;
};

export type RequestLogEntry = {
  method: string;
  path: string;
  /** 'POST /crm/v3/objects/contacts/batch/upsert', or null for an unknown path. */
  route: string | null;
  portalId: number;
  status: number;
  at: number;
  /** The parsed JSON body (the raw text if unreadable; null when bodies are not logged). */
  body: unknown;
};

export type CrmEndpoint = {
  tokens: OAuthTokens;
  portals: Map<number, { state: PortalState; limiter: PortalLimiter }>;
  match(method: string, path: string): RouteMatch | null;
  faults: Fault[];
  now: () => number;
  log: RequestLogEntry[];
  /** False keeps the log to metadata (body null), for long benchmarks. */
  logBodies: boolean;
};

export type CrmRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  raw: string;
  authorization: string | undefined;
};

const NO_CREDENTIALS =
  'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview';

function authenticate(endpoint: CrmEndpoint, authorization: string | undefined) {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  const found = token ? endpoint.tokens.lookup(token) : ({ ok: false, reason: 'unknown' } as const);
  if (found.ok) return found.grant;
  if (found.reason === 'expired') {
    const minutes = Math.floor((endpoint.now() - found.expiredAt) / 60_000);
    return fail(
      401,
      'EXPIRED_AUTHENTICATION',
      `The OAuth token used to make this call expired ${minutes} minute(s) ago.`,
    );
  }
  return fail(401, 'INVALID_AUTHENTICATION', NO_CREDENTIALS);
}

function takeFault(
  endpoint: CrmEndpoint,
  portalId: number,
  path: string,
  template: string | null,
): Reply | null {
  const index = endpoint.faults.findIndex(
    (f) =>
      (f.portalId === undefined || f.portalId === portalId) &&
      (f.path === undefined ||
        (typeof f.path === 'string' ? f.path === path || f.path === template : f.path.test(path))),
  );
  const fault = endpoint.faults[index];
  if (!fault) return null;
  fault.remaining -= 1;
  if (fault.remaining <= 0) endpoint.faults.splice(index, 1);
  return {
    status: fault.status,
    body:
      fault.body ?? fail(fault.status, 'INTERNAL_ERROR', 'internal error (injected by the emulator)').body,
  };
}

function missingScopes(required: string[]): Reply {
  return fail(
    403,
    'MISSING_SCOPES',
    "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
    {
      errors: [
        {
          message: 'One or more of the following scopes are required.',
          context: { requiredGranularScopes: required },
        },
      ],
      links: { scopes: 'https://developers.hubspot.com/scopes' },
    },
  );
}

function parseJson(raw: string): { ok: true; value: unknown } | { ok: false; reply: Reply } {
  if (raw.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch (error) {
    return {
      ok: false,
      reply: fail(400, 'VALIDATION_ERROR', `Invalid input JSON: ${(error as Error).message}`),
    };
  }
}

export function handleCrm(endpoint: CrmEndpoint, request: CrmRequest): Reply {
  const grant = authenticate(endpoint, request.authorization);
  if ('status' in grant) return grant;
  const portal = endpoint.portals.get(grant.portalId);
  if (!portal) return fail(401, 'INVALID_AUTHENTICATION', NO_CREDENTIALS);
  const now = endpoint.now();
  const match = endpoint.match(request.method, request.path);
  const routeKey = match ? `${request.method} ${match.route.path}` : null;
  const body = parseJson(request.raw);
  const reply = ((): Reply => {
    const admitted = portal.limiter.admit(now, match?.route.search ?? false);
    if (!admitted.ok) return rateLimitReply(admitted.policy);
    const fault = takeFault(endpoint, grant.portalId, request.path, match?.route.path ?? null);
    if (fault) return fault;
    if (!match) {
      return fail(
        404,
        'OBJECT_NOT_FOUND',
        `${request.method} ${request.path} is not an endpoint the emulator serves.`,
      );
    }
    const objectType = match.params.objectType;
    const required = match.route.scopes.map((s) =>
      s.replace('{objectType}', objectTypeOf(objectType ?? '') ?? ''),
    );
    if (!required.some((scope) => grant.scopes.includes(scope))) return missingScopes(required);
    if (!body.ok) return body.reply;
    return match.route.handle({
      portal: portal.state,
      params: match.params,
      query: request.query,
      body: body.value,
    });
  })();
  const withHeaders = { ...reply, headers: { ...reply.headers, ...portal.limiter.headers() } };
  portal.limiter.record(routeKey ?? `${request.method} ${request.path}`, reply.status);
  endpoint.log.push({
    method: request.method,
    path: request.path,
    route: routeKey,
    portalId: grant.portalId,
    status: reply.status,
    at: now,
    body: endpoint.logBodies ? (body.ok ? body.value : request.raw) : null,
  });
  return withHeaders;
}
