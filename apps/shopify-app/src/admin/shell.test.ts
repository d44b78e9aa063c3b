// The admin shell: the built app with App Bridge from Shopify's CDN when real credentials are
// configured, the local stand-in only in sandbox mode; no-store HTML with the frame-ancestors
// CSP, hashed assets cached for a year.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { adminShellRouter, type SandboxBridge } from './shell.js';

const distDir = mkdtempSync(join(tmpdir(), 'admin-dist-'));
mkdirSync(join(distDir, 'assets'));
writeFileSync(
  join(distDir, 'index.html'),
  '<!doctype html><html><head><!--app-bridge--><script type="module" src="/admin/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>',
);
writeFileSync(join(distDir, 'assets', 'index-abc123.js'), 'console.log("admin")');

const sandbox: SandboxBridge = { shop: 'sandbox.myshopify.com', sessionToken: (shop) => `token-for-${shop}` };

async function serve(deps: Parameters<typeof adminShellRouter>[0]) {
  const app = express().use(adminShellRouter(deps));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

describe('with real credentials', () => {
  let app: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    app = await serve({ apiKey: 'real-api-key', distDir });
  });
  afterAll(() => app.close());

  test('the shell loads App Bridge from Shopify and carries the API key, the CSP and no-store', async () => {
    for (const path of ['/admin?shop=acme.myshopify.com', '/admin/programs/new?shop=acme.myshopify.com']) {
      const res = await fetch(`${app.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-security-policy')).toBe(
        'frame-ancestors https://acme.myshopify.com https://admin.shopify.com;',
      );
      const html = await res.text();
      expect(html).toContain('<script src="https://cdn.shopify.com/shopifycloud/app-bridge.js"></script>');
      expect(html).toContain('<meta name="shopify-api-key" content="real-api-key">');
      expect(html).not.toContain('sandbox');
      expect(html).toContain('/admin/assets/index-abc123.js');
    }
  });

  test('none of the sandbox stand-in exists', async () => {
    for (const path of [
      '/admin/sandbox/app-bridge.js',
      '/admin/sandbox/session-token?shop=sandbox.myshopify.com',
    ]) {
      const res = await fetch(`${app.url}${path}`);
      expect((await res.text()).includes('token-for')).toBe(false);
      // Falls through to the shell (an HTML page), never a token or the stand-in script.
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
    }
  });

  test('hashed assets are cached for a year; a missing one is a 404, not the shell', async () => {
    const asset = await fetch(`${app.url}/admin/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${app.url}/admin/assets/missing-123.js`)).status).toBe(404);
  });
});

describe('in sandbox mode', () => {
  let app: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    app = await serve({ apiKey: 'emulator-key', distDir, sandbox });
  });
  afterAll(() => app.close());

  test('the shell loads the local stand-in instead of the CDN', async () => {
    const html = await (await fetch(`${app.url}/admin?shop=sandbox.myshopify.com`)).text();
    expect(html).toContain('<script src="/admin/sandbox/app-bridge.js"></script>');
    expect(html).toContain('<meta name="sandbox-shop" content="sandbox.myshopify.com">');
    expect(html).not.toContain('cdn.shopify.com');
    const script = await fetch(`${app.url}/admin/sandbox/app-bridge.js`);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(await script.text()).toContain('idToken');
  });

  test('the stand-in issues session tokens for the sandbox shop only', async () => {
    const ok = await fetch(`${app.url}/admin/sandbox/session-token?shop=sandbox.myshopify.com`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('token-for-sandbox.myshopify.com');
    for (const shop of ['other.myshopify.com', 'evil.example.com', '']) {
      const res = await fetch(`${app.url}/admin/sandbox/session-token?shop=${encodeURIComponent(shop)}`);
      expect(res.status).toBe(403);
    }
  });
});

test('without a build the shell says how to build instead of a blank page', async () => {
  const app = await serve({ apiKey: 'k', distDir: join(distDir, 'nowhere') });
  const res = await fetch(`${app.url}/admin`);
  expect(res.status).toBe(503);
  expect(await res.text()).toContain('npm run build');
  app.close();
});
