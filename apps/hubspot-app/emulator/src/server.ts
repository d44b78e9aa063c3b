// A local HubSpot for one OAuth app: the token endpoints (oauth-routes.ts) and the CRM APIs the
// referral sync uses (properties, contacts, deals, pipelines, associations), each portal with its
// own data, rate limits and stats. The app reaches it through @hubspot/api-client with
// `new Client({ accessToken, basePath: emulator.url })`; the token names the portal.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { associationRoutes } from './association-routes.js';
import type { InvalidBatchInputs } from './contact-batch.js';
import { type CrmEndpoint, type Fault, handleCrm, type RequestLogEntry } from './crm-dispatch.js';
import { fail, readBody, send } from './http.js';
import { handleOAuth, type OAuthEndpoint, type TokenRequestLogEntry } from './oauth-routes.js';
import { objectRoutes } from './object-routes.js';
import { pipelineRoutes } from './pipeline-routes.js';
import { PortalState } from './portal.js';
import { propertyRoutes } from './property-routes.js';
import { PortalLimiter, type PortalStats } from './rate-limit.js';
import { compileRoutes } from './router.js';
import { OAuthTokens, type TokenPair } from './tokens.js';

export type HubSpotEmulatorOptions = {
  port?: number;
  clientId?: string;
  clientSecret?: string;
  appId?: number;
  /** Where authorize() codes may be redeemed unless it is given another. */
  redirectUri?: string;
  /** HubSpot's access tokens live 30 minutes. */
  accessTokenTtlSeconds?: number;
  /** Requests per portal per sliding 10 s (public OAuth apps: 110). */
  tenSecondLimit?: number;
  /** CRM search requests per portal per second (5). */
  searchPerSecond?: number;
  /** The clock (epoch ms) for tokens, rate-limit windows and record timestamps. */
  now?: () => number;
  /** A batch upsert with some invalid inputs: 207 with the others applied (default), or 400 for all. */
  invalidBatchInputs?: InvalidBatchInputs;
  /** Keep request bodies in `requests` (default true); turn off for long benchmarks. */
  logRequestBodies?: boolean;
  /**
   * Milliseconds every answer waits before it is sent (HubSpot's latency, for benchmarks; default
   * 0). Requests are handled and counted on arrival.
   */
  latencyMs?: number;
};

/** The scopes authorize() and issueTokens() grant unless told otherwise. */
export const DEFAULT_SCOPES = [
  'oauth',
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.schemas.contacts.read',
  'crm.schemas.contacts.write',
  'crm.objects.deals.read',
  'crm.objects.deals.write',
  'crm.schemas.deals.read',
];

export type FaultInput = {
  portalId?: number;
  path?: string | RegExp;
  status?: number;
  times?: number;
  body?: unknown;
};

export type HubSpotEmulator = {
  url: string;
  clientId: string;
  clientSecret: string;
  appId: number;
  redirectUri: string;
  addPortal(portalId: number): PortalState;
  portal(portalId: number): PortalState;
  /** An authorization code for the portal, as HubSpot's install screen would hand the redirect URI. */
  authorize(portalId: number, options?: { redirectUri?: string; scopes?: string[] }): string;
  /** Tokens without the OAuth dance, for tests that start from an installed app. */
  issueTokens(portalId: number, options?: { scopes?: string[] }): TokenPair;
  /** Revokes every refresh token of the portal; access tokens live on until they expire. */
  revokeRefreshToken(portalId: number): number;
  /** The account uninstalls the app: its access and refresh tokens stop working at once. */
  uninstall(portalId: number): void;
  stats(portalId: number): PortalStats;
  /** Caps the portal's requests per UTC day (429 policyName DAILY); null lifts the cap. */
  setDailyLimit(portalId: number, limit: number | null): void;
  /** The next matching CRM request(s) answer `status` (default 500) instead of running. */
  injectFault(fault?: FaultInput): void;
  /** Every authenticated CRM request, in order. */
  requests: RequestLogEntry[];
  tokenRequests: TokenRequestLogEntry[];
  close(): Promise<void>;
};

export async function startHubSpotEmulator(options: HubSpotEmulatorOptions = {}): Promise<HubSpotEmulator> {
  const now = options.now ?? (() => Date.now());
  const app = {
    clientId: options.clientId ?? 'emulator-client-id',
    clientSecret: options.clientSecret ?? 'emulator-client-secret',
    appId: options.appId ?? 4_242_001,
  };
  const redirectUri = options.redirectUri ?? 'http://127.0.0.1:3001/oauth/callback';
  const tokens = new OAuthTokens(options.accessTokenTtlSeconds ?? 1800, now);
  const limits = {
    tenSecondLimit: options.tenSecondLimit ?? 110,
    searchPerSecond: options.searchPerSecond ?? 5,
  };
  const portals: CrmEndpoint['portals'] = new Map();
  const crm: CrmEndpoint = {
    tokens,
    portals,
    match: compileRoutes([
      ...propertyRoutes,
      ...objectRoutes({ invalidBatchInputs: options.invalidBatchInputs ?? 'per-input' }),
      ...pipelineRoutes,
      ...associationRoutes,
    ]),
    faults: [] as Fault[],
    now,
    log: [],
    logBodies: options.logRequestBodies ?? true,
  };
  const oauth: OAuthEndpoint = {
    app,
    tokens,
    now,
    defaultPortalId: () => portals.keys().next().value,
    hasPortal: (portalId) => portals.has(portalId),
    log: [],
  };

  function entry(portalId: number) {
    const found = portals.get(portalId);
    if (!found) throw new Error(`No emulated portal ${portalId}: call addPortal first`);
    return found;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const request = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      raw: await readBody(req),
    };
    const reply =
      handleOAuth(oauth, { ...request, contentType: req.headers['content-type'] }) ??
      handleCrm(crm, { ...request, authorization: req.headers.authorization });
    if (options.latencyMs) await sleep(options.latencyMs);
    send(res, reply);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) =>
      send(res, fail(500, 'INTERNAL_ERROR', `emulator failure: ${(error as Error).message}`)),
    );
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ...app,
    redirectUri,
    addPortal(portalId) {
      if (portals.has(portalId)) throw new Error(`Portal ${portalId} already exists`);
      const state = new PortalState(portalId, app.appId, now);
      portals.set(portalId, { state, limiter: new PortalLimiter(limits) });
      return state;
    },
    portal: (portalId) => entry(portalId).state,
    authorize(portalId, authorizeOptions = {}) {
      entry(portalId);
      const grant = { portalId, scopes: authorizeOptions.scopes ?? DEFAULT_SCOPES };
      return tokens.mintCode(grant, authorizeOptions.redirectUri ?? redirectUri);
    },
    issueTokens(portalId, issueOptions = {}) {
      entry(portalId);
      return tokens.issue({ portalId, scopes: issueOptions.scopes ?? DEFAULT_SCOPES });
    },
    revokeRefreshToken: (portalId) => tokens.revokePortalRefreshTokens(portalId),
    uninstall: (portalId) => tokens.revokePortal(portalId),
    stats: (portalId) => entry(portalId).limiter.stats,
    setDailyLimit: (portalId, limit) => entry(portalId).limiter.setDailyLimit(limit),
    injectFault(fault = {}) {
      crm.faults.push({
        portalId: fault.portalId,
        path: fault.path,
        status: fault.status ?? 500,
        body: fault.body,
        remaining: fault.times ?? 1,
      });
    },
    requests: crm.log,
    tokenRequests: oauth.log,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
