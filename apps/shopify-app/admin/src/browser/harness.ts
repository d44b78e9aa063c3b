// Browser tests drive the real admin: the Shopify app in sandbox mode (the Admin API emulator, the
// App Bridge stand-in, the Vite build) on a fresh PostgreSQL database, and Debian's Chromium
// through playwright-core. Nothing is mocked and nothing leaves the machine.
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@referrals/core/testing';
import { adminDistDir, composeShopify, createShopifyApp, parseShopifyEnv } from '@referrals/shopify-app';
import { pino } from 'pino';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** Where page screenshots go (committed, linked from the README). */
export const screenshotDir = fileURLToPath(new URL('../../../../../docs/screenshots/', import.meta.url));

export type AdminStack = {
  database: TestDatabase;
  merchantId: string;
  shop: string;
  baseUrl: string;
  browser: Browser;
  /** Requests any page made to anywhere but this app (must stay empty: no CDN, no network). */
  offsiteRequests: string[];
  /** A fresh page at the admin path (e.g. '/programs'), standalone through the stand-in. */
  open(path?: string, viewport?: { width: number; height: number }): Promise<Page>;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
};

export async function startAdminStack(): Promise<AdminStack> {
  if (!existsSync(`${adminDistDir}/index.html`)) throw new Error('Build the admin first: npm run build');
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  const database = await createTestDatabase();
  const logger = pino({ level: 'silent' });
  const shopify = await composeShopify(parseShopifyEnv({ SHOPIFY_APP_URL: 'http://localhost:3000' }), {
    db: database.db,
    logger,
    emulatorPort: 0,
  });
  if (!shopify.sandbox) throw new Error('the admin stack runs in sandbox mode');
  const app = createShopifyApp({
    db: database.db,
    logger,
    apiSecret: shopify.apiSecret,
    platform: shopify.platform,
    sandbox: shopify.sandbox.bridge,
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  const shop = shopify.sandbox.shop;
  mkdirSync(screenshotDir, { recursive: true });
  const offsiteRequests: string[] = [];
  return {
    offsiteRequests,
    database,
    merchantId: shopify.sandbox.merchantId,
    shop,
    baseUrl,
    browser,
    async open(path = '/', viewport = { width: 1280, height: 900 }) {
      const page = await browser.newPage({ viewport, acceptDownloads: true });
      page.on('pageerror', (error) => {
        throw error;
      });
      page.on('request', (request) => {
        const url = request.url();
        if (!url.startsWith(baseUrl) && !/^(data|blob):/.test(url)) offsiteRequests.push(url);
      });
      const sep = path.includes('?') ? '&' : '?';
      await page.goto(`${baseUrl}/admin${path === '/' ? '' : path}${sep}shop=${shop}`);
      return page;
    },
    async screenshot(page, name) {
      await page.screenshot({ path: `${screenshotDir}${name}.png`, fullPage: true });
    },
    async close() {
      await browser.close();
      await new Promise((r) => server.close(r));
      await shopify.close();
      await database.drop();
    },
  };
}
