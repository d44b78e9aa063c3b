// GET /admin[/*] - the embedded admin: the Vite-built single-page app (apps/shopify-app/admin).
// The HTML shell is no-store with a CSP that lets exactly the shop's admin frame it; hashed assets
// are cached for a year. Inside Shopify, App Bridge (Shopify's CDN) hands the app session tokens;
// in sandbox mode a local stand-in gets them from the emulator instead, so the admin opens
// standalone. The stand-in's routes do not exist when real credentials are configured.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';
import { z } from 'zod';

const shopSchema = z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/i);

export const frameAncestors = (shop: string | null): string =>
  `frame-ancestors ${shop ? `https://${shop} ` : ''}https://admin.shopify.com;`;

/** Where the admin workspace's `vite build` writes (the same path from src/ and dist/). */
export const adminDistDir = fileURLToPath(new URL('../../admin/dist/', import.meta.url));

export type SandboxBridge = {
  /** The one shop the stand-in issues session tokens for. */
  shop: string;
  /** A fresh App Bridge session token for that shop, as Shopify's admin would hand out. */
  sessionToken(shop: string): string;
};

export type AdminShellDeps = {
  apiKey: string;
  /** Sandbox mode only: the local App Bridge stand-in. Absent with real credentials. */
  sandbox?: SandboxBridge | undefined;
  /** Where the built admin lives (tests may point elsewhere). */
  distDir?: string;
};

const escapeAttr = (value: string) => value.replace(/[^A-Za-z0-9_.-]/g, '');

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Referrals</title></head>
<body style="font-family:system-ui;margin:3rem"><h1>The admin has not been built yet</h1>
<p>Run <code>npm run build</code> (or <code>npm start</code>, which builds first), then reload.</p></body></html>`;

/** The standalone stand-in for App Bridge: `shopify.idToken()` from the emulator, via this app. */
export const SANDBOX_BRIDGE_JS = `// Sandbox only: a local stand-in for App Bridge (cdn.shopify.com cannot be reached offline).
(() => {
  const shop = document.querySelector('meta[name="sandbox-shop"]').content;
  let cached = null;
  window.shopify = {
    sandbox: true,
    config: { shop },
    async idToken() {
      if (cached && cached.expires > Date.now()) return cached.token;
      const res = await fetch('/admin/sandbox/session-token?shop=' + encodeURIComponent(shop));
      if (!res.ok) throw new Error('The sandbox could not issue a session token (' + res.status + ').');
      const token = await res.text();
      cached = { token, expires: Date.now() + 30000 };
      return token;
    },
  };
})();
`;

export function adminShellRouter(deps: AdminShellDeps): Router {
  const router = express.Router();
  const distDir = deps.distDir ?? adminDistDir;
  const template = () =>
    existsSync(`${distDir}/index.html`) ? readFileSync(`${distDir}/index.html`, 'utf8') : null;
  let cachedTemplate: string | null = null;

  const bridgeTags = (shop: string | null) =>
    deps.sandbox
      ? `<meta name="sandbox-shop" content="${escapeAttr(deps.sandbox.shop)}">\n<script src="/admin/sandbox/app-bridge.js"></script>`
      : `<meta name="shopify-api-key" content="${escapeAttr(deps.apiKey)}">\n${shop ? `<meta name="shopify-shop" content="${escapeAttr(shop)}">\n` : ''}<script src="https://cdn.shopify.com/shopifycloud/app-bridge.js"></script>`;

  router.use(
    '/admin/assets',
    express.static(`${distDir}/assets`, {
      immutable: true,
      maxAge: '365d',
      index: false,
      fallthrough: false,
    }),
  );

  if (deps.sandbox) {
    const sandbox = deps.sandbox;
    // GET /admin/sandbox/app-bridge.js - the stand-in script (sandbox mode only)
    router.get('/admin/sandbox/app-bridge.js', (_req, res) => {
      res.type('application/javascript').setHeader('Cache-Control', 'no-store');
      res.send(SANDBOX_BRIDGE_JS);
    });
    // GET /admin/sandbox/session-token - a session token for the sandbox shop (sandbox mode only)
    router.get('/admin/sandbox/session-token', (req, res) => {
      const shop = shopSchema.safeParse(req.query.shop);
      if (!shop.success || shop.data.toLowerCase() !== sandbox.shop) {
        return void res.status(403).type('text').send('The sandbox issues tokens for its own shop only.');
      }
      res.setHeader('Cache-Control', 'no-store');
      res.type('text').send(sandbox.sessionToken(sandbox.shop));
    });
  }

  // GET /admin and every client-side route under it: the shell
  router.get(['/', '/admin', '/admin/{*path}'], (req, res) => {
    const parsed = shopSchema.safeParse(req.query.shop);
    const shop = parsed.success ? parsed.data.toLowerCase() : null;
    res.setHeader('Content-Security-Policy', frameAncestors(shop));
    res.setHeader('Cache-Control', 'no-store');
    cachedTemplate ??= template();
    if (!cachedTemplate) return void res.status(503).type('html').send(NOT_BUILT);
    res.type('html').send(cachedTemplate.replace('<!--app-bridge-->', bridgeTags(shop)));
  });
  return router;
}
