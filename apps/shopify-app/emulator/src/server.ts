// A local Shopify for one app: the Admin GraphQL API (graphql-endpoint.ts) and the OAuth token
// endpoint (oauth.ts). The app's HTTP is redirected here from https://{shop}.myshopify.com, so
// requests never name the shop in the host: the access token, the refresh token or the session
// token's dest does. In sandbox mode it also serves a theme editor stand-in for the browser
// (theme-editor.ts). For tests, `checkout` plays a buyer's checkout that runs the app's discount
// functions (checkout.ts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CheckoutInput, type CheckoutResult, checkout } from './checkout.js';
import { LeakyBucket } from './cost.js';
import type { ShopifyFunction } from './function-runner.js';
import { type GraphqlRequestLog, handleGraphql } from './graphql-endpoint.js';
import { readBody, send } from './http.js';
import {
  handleTokenRequest,
  parseTokenRequestBody,
  type TokenEndpoint,
  type TokenRequestLogEntry,
} from './oauth.js';
import { ADMIN_API_VERSION, loadAdminSchema } from './schema.js';
import { mintSessionToken, type SessionTokenOptions } from './session-token.js';
import { ShopState } from './store.js';
import { handleThemeEditor, THEME_EDITOR_PATH } from './theme-editor.js';
import { TokenStore } from './tokens.js';

export type EmulatorOptions = {
  port?: number;
  /** Bucket size and restore rate per app and shop (Standard plan: restores 100 points/s). */
  maximumAvailable?: number;
  restoreRate?: number;
  /** The clock (epoch ms) for buckets, token lifetimes, session tokens and default record times. */
  now?: () => number;
  /** The app's client id and secret: the token endpoint checks them, session tokens are signed with the secret. */
  apiKey?: string;
  apiSecret?: string;
  /** The granted scopes, comma-separated, as the token endpoint reports them. */
  scopes?: string;
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
  /**
   * The app's Shopify Functions by extension handle, for checkout(): an app discount runs the one
   * its functionHandle names (e.g. the friend offer's run export and its input query).
   */
  functions?: Record<string, ShopifyFunction>;
};

export const DEFAULT_SCOPES =
  'read_orders,read_customers,write_customers,write_discounts,write_store_credit_account_transactions,write_gift_cards,write_app_proxy,read_themes,write_pixels,read_customer_events';

type Shop = { state: ShopState; bucket: LeakyBucket; installed: boolean };

export type ShopifyEmulator = {
  url: string;
  graphqlPath: string;
  tokenPath: string;
  /** Sandbox only: the theme editor stand-in (see theme-editor.ts), an HTML page for the browser. */
  themeEditorPath: string;
  apiKey: string;
  apiSecret: string;
  scopes: string;
  /** A shop with the app installed and a non-expiring offline token chosen by the caller. */
  addShop(domain: string, accessToken: string): ShopState;
  /** A shop with the app installed and no token yet: the app gets one by token exchange. */
  installApp(domain: string): ShopState;
  /** Uninstall: every access and refresh token of the shop stops working; its data stays. */
  revokeApp(domain: string): void;
  /** An App Bridge session token for the shop, as the admin would hand the embedded app. */
  sessionToken(domain: string, options?: SessionTokenOptions): string;
  shop(domain: string): ShopState;
  /** A buyer's checkout on an installed shop: discounts applied, order stored (see checkout.ts). */
  checkout(domain: string, input: CheckoutInput): CheckoutResult;
  /** Every GraphQL document received, in order (for tests that inspect what the app sent). */
  requests: GraphqlRequestLog;
  /** Every token endpoint request, in order: grant type, shop (when known) and status. */
  tokenRequests: TokenRequestLogEntry[];
  close(): Promise<void>;
};

const TOKEN_PATH = '/admin/oauth/access_token';

export async function startShopifyEmulator(options: EmulatorOptions = {}): Promise<ShopifyEmulator> {
  const schema = loadAdminSchema();
  const graphqlPath = `/admin/api/${ADMIN_API_VERSION}/graphql.json`;
  const now = options.now ?? (() => Date.now());
  const app = {
    apiKey: options.apiKey ?? 'emulator-api-key',
    apiSecret: options.apiSecret ?? 'emulator-api-secret',
    scopes: options.scopes ?? DEFAULT_SCOPES,
  };
  const shops = new Map<string, Shop>();
  const tokens = new TokenStore(
    {
      accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
      refreshTokenTtlSeconds: options.refreshTokenTtlSeconds ?? 7_776_000,
    },
    now,
  );
  const requests: GraphqlRequestLog = [];
  const tokenEndpoint: TokenEndpoint = {
    app,
    tokens,
    now,
    isInstalled: (domain) => shops.get(domain)?.installed === true,
    log: [],
  };

  function install(domain: string): ShopState {
    const existing = shops.get(domain);
    if (existing) {
      existing.installed = true;
      return existing.state;
    }
    const bucket = new LeakyBucket(options.maximumAvailable ?? 2000, options.restoreRate ?? 100, now);
    const entry: Shop = { state: new ShopState(domain, now), bucket, installed: true };
    shops.set(domain, entry);
    return entry.state;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = req.url?.split('?')[0];
    if (path === THEME_EDITOR_PATH) {
      // GET, POST /sandbox/theme-editor - the theme editor stand-in (HTML, for the sandbox's browser)
      return handleThemeEditor(req, res, {
        apiKey: app.apiKey,
        shop: (domain) => {
          const entry = shops.get(domain);
          return entry?.installed ? entry.state : undefined;
        },
      });
    }
    if (req.method === 'POST' && path === TOKEN_PATH) {
      // POST /admin/oauth/access_token - token exchange and refresh
      const body = parseTokenRequestBody(await readBody(req), req.headers['content-type']);
      if (!body) return send(res, 400, { error: 'invalid_request', error_description: 'Unreadable body' });
      const reply = handleTokenRequest(tokenEndpoint, body);
      return send(res, reply.status, reply.body);
    }
    if (req.method !== 'POST' || path !== graphqlPath) return send(res, 404, { errors: 'Not Found' });
    // POST /admin/api/2026-10/graphql.json - the token names the shop
    const token = req.headers['x-shopify-access-token'];
    const domain = typeof token === 'string' ? tokens.shopOf(token) : null;
    const shop = domain ? shops.get(domain) : undefined;
    if (!shop?.installed) {
      return send(res, 401, {
        errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
      });
    }
    return handleGraphql(req, res, shop, schema, requests);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) =>
      send(res, 500, { errors: [{ message: (error as Error).message }] }),
    );
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    graphqlPath,
    tokenPath: TOKEN_PATH,
    themeEditorPath: THEME_EDITOR_PATH,
    ...app,
    requests,
    tokenRequests: tokenEndpoint.log,
    addShop(domain, accessToken) {
      const state = install(domain);
      tokens.addNonExpiring(domain, accessToken);
      return state;
    },
    installApp: install,
    revokeApp(domain) {
      const entry = shops.get(domain);
      if (!entry) throw new Error(`No emulated shop ${domain}`);
      entry.installed = false;
      tokens.revokeShop(domain);
    },
    sessionToken: (domain, sessionOptions) => mintSessionToken(app, domain, now(), sessionOptions),
    shop(domain) {
      const entry = shops.get(domain);
      if (!entry) throw new Error(`No emulated shop ${domain}`);
      return entry.state;
    },
    checkout(domain, input) {
      const entry = shops.get(domain);
      if (!entry?.installed) throw new Error(`No emulated shop ${domain} with the app installed`);
      return checkout(entry.state, input, options.functions ?? {});
    },
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
