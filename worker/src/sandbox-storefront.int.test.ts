// Issue 11, "A sandbox storefront": the demo link of `npm start` walked in a real browser on this
// machine. The Shopify side is composed as `npm start` composes it (sandbox mode: the emulator, the
// demo shop and advocate, the local storefront), the app listens where the sandbox says, and the
// worker runs on Redis with narration on. The friend opens the demo link, the real theme embed puts
// the referral on the cart, the storefront's checkout runs the emulator's checkout (the real
// Discount Function) and sends Shopify's signed order webhooks, and the admin API then says the
// order was credited to Ada, while the console has said so in plain words.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { ClickWriter } from '@referrals/core';
import { createTestDatabase } from '@referrals/core/testing';
import { composeShopify, createShopifyApp, parseShopifyEnv, type ShopifySide } from '@referrals/shopify-app';
import { pino } from 'pino';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, test as base, beforeAll, describe, expect } from 'vitest';
import { startWorker, type WorkerRuntime } from './runtime.js';
import { reconcileSandboxCheckout } from './sandbox.js';
import { waitFor } from './testing/wait-for.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The launch flags of apps/shopify-app/admin/src/browser/harness.ts.
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
const screenshots = fileURLToPath(new URL('../../docs/screenshots/storefront/', import.meta.url));
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 900 },
} as const;

type Sandbox = {
  shopify: ShopifySide & { sandbox: NonNullable<ShopifySide['sandbox']> };
  appUrl: string;
  /** The log lines the worker and the app wrote, as JSON objects. */
  logs: Record<string, unknown>[];
};

// A fresh database per walk, as a newcomer's first `npm start` (the emulator's order ids restart
// with each emulator, so two walks on one database would share order ids).
const test = base.extend<{ sandbox: Sandbox }>({
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads fixture dependencies from this pattern.
  sandbox: async ({}, use) => {
    const database = await createTestDatabase();
    const engine = { db: database.db, ipHashSalt: 'test-salt' };
    const logs: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n')) if (line) logs.push(JSON.parse(line));
        done();
      },
    });
    const logger = pino({ level: 'info' }, sink);
    // The app's port first: the sandbox sends webhooks and proxy requests to SHOPIFY_APP_URL.
    const server: Server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const shopify = await composeShopify(parseShopifyEnv({ SHOPIFY_APP_URL: appUrl }), {
      db: engine.db,
      logger,
      encryptionKey: randomBytes(32),
      emulatorPort: 0,
      storefrontPort: 0,
    });
    if (!shopify.sandbox) throw new Error('no Shopify credentials: the sandbox must be composed');
    const clickWriter = new ClickWriter(engine.db, { ipHashSalt: engine.ipHashSalt, flushIntervalMs: 20 });
    server.on(
      'request',
      createShopifyApp({
        db: engine.db,
        logger,
        apiSecret: shopify.apiSecret,
        platform: shopify.platform,
        clickWriter,
        links: { storefrontOrigin: shopify.sandbox.storefront.url },
      }),
    );
    const worker: WorkerRuntime = await startWorker({
      engine,
      redisUrl,
      logger,
      rewardIssuer: shopify.platform.issuer,
      friendOfferIssuer: shopify.platform.friendOffers,
      checkoutDiscounts: shopify.platform.checkoutDiscounts,
      platformNotifier: shopify.platform.notifier,
      prefix: `sandbox-storefront-${randomBytes(4).toString('hex')}`,
      housekeeping: false,
      narrate: true,
    });
    // As `npm start` does: the fresh emulator gets the stored codes' checkout discounts again.
    await reconcileSandboxCheckout(worker, shopify.sandbox.merchantId);
    await use({ shopify: shopify as Sandbox['shopify'], appUrl, logs });
    await worker.close();
    await new Promise((r) => server.close(r));
    await clickWriter.close();
    await shopify.close();
    await database.drop();
  },
});

let browser: Browser;
beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  mkdirSync(screenshots, { recursive: true });
});
afterAll(() => browser?.close());

describe('the sandbox storefront', () => {
  test('is not started with real Shopify credentials (composeShopify composes no sandbox)', async () => {
    const database = await createTestDatabase();
    try {
      const env = parseShopifyEnv({
        SHOPIFY_API_KEY: 'real-app-key',
        SHOPIFY_API_SECRET: 'real-app-secret',
        ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      });
      const shopify = await composeShopify(env, { db: database.db, logger: pino({ level: 'silent' }) });
      expect(shopify.sandbox).toBeNull();
      await shopify.close();
    } finally {
      await database.drop();
    }
  });

  test.for(Object.entries(VIEWPORTS))(
    'on a %s: the demo link leads to the local storefront, the embed tags the cart, checkout credits Ada',
    async ([size, viewport], { sandbox }) => {
      const { shopify, appUrl, logs } = sandbox;
      const { emulator, shop, storefront } = shopify.sandbox;
      // Ada's code reaches the checkout discounts (the worker's sync) before the friend buys.
      await waitFor('the automatic friend-offer discount', async () =>
        [...emulator.shop(shop).appDiscounts.values()].some((d) => d.method === 'automatic'),
      );
      const page = await browser.newPage({ viewport });
      const offsite: string[] = [];
      page.on('request', (request) => {
        const url = request.url();
        if (!url.startsWith(storefront.url) && !url.startsWith(appUrl) && !url.startsWith('data:'))
          offsite.push(url);
      });
      const shot = (name: string) =>
        page.screenshot({ path: `${screenshots}sandbox-${name}-${size}.png`, fullPage: true });

      // The printed demo link: the app's /r/:code redirects to this machine's storefront.
      await page.goto(shopify.sandbox.referralLink);
      expect(new URL(page.url()).origin).toBe(storefront.url);
      const code = new URL(page.url()).searchParams.get('ref');
      expect(code).toMatch(/^[A-Z0-9-]{3,32}$/i);
      await shot('landing');

      // The real referral-embed.js wrote the referral onto this browser's cart.
      const cart = await waitFor('the embed to write the cart attributes', async () => {
        const body = (await page.evaluate(() => fetch('/cart.js').then((r) => r.json()))) as {
          attributes: Record<string, string>;
        };
        return body.attributes._referral_code ? body : null;
      });
      expect(cart.attributes).toMatchObject({
        _referral_code: code,
        _referral_sig: expect.stringMatching(/^[A-Za-z0-9_-]{16,64}$/),
        _referral_visitor: expect.any(String),
      });

      // On to the shop: the landing's main button (issue 11's friend page), else the home page.
      const shopNow = page.getByRole('link', { name: /shop now/i });
      if ((await shopNow.count()) > 0) await shopNow.first().click();
      else await page.goto(`${storefront.url}/`);
      await page.waitForLoadState();
      expect(new URL(page.url()).origin).toBe(storefront.url);
      await shot('product');
      await page.getByRole('button', { name: 'Add to cart' }).click();
      await page.getByRole('link', { name: 'View your cart' }).click();
      await expect.poll(() => page.locator('[data-cart-referral]').textContent()).toContain(code!);
      await shot('cart');
      const email = `friend-${size}-${randomBytes(3).toString('hex')}@example.com`;
      await page.getByLabel('Email for the order').fill(email);
      await page.getByRole('button', { name: 'Check out' }).click();
      await page.waitForURL(/\/thank-you\//);
      // The friend's offer applied itself: 15 % off the $40.00 tee.
      await expect.poll(() => page.locator('main').textContent()).toContain('$34.00');
      await shot('thank-you');
      const orderId = page.url().split('/').pop();

      // The admin API (a session token of the installed app) says whom the order was credited to.
      const api = async (path: string) => {
        const res = await fetch(`${appUrl}/api${path}`, {
          headers: { authorization: `Bearer ${emulator.sessionToken(shop)}` },
        });
        return res.status === 200 ? ((await res.json()) as Record<string, never>) : null;
      };
      const explanation = await waitFor('the order credited', async () => {
        const body = (await api(`/orders/${orderId}/attribution`)) as {
          credited: boolean;
          referral: { advocateId: string } | null;
        } | null;
        return body?.referral ? body : null;
      });
      const { advocates } = (await api('/advocates')) as unknown as {
        advocates: { id: string; email: string | null }[];
      };
      expect(explanation.credited).toBe(true);
      expect(explanation.referral?.advocateId).toBe(advocates.find((a) => a.email === 'ada@example.com')?.id);

      // The console said it in plain words.
      const told = await waitFor('the narration', async () =>
        logs.some(
          (l) => typeof l.narrate === 'string' && l.orderId === orderId && l.event === 'referral.created',
        )
          ? logs.filter((l) => typeof l.narrate === 'string')
          : null,
      );
      expect(told.find((l) => l.orderId === orderId)?.narrate).toMatch(
        new RegExp(
          `^Referral credited: order ${orderId} \\(\\$34\\.00\\) from f\\*+@example\\.com to Ada \\(a\\*+@example\\.com\\): the order carried their link, chosen by last touch\\.$`,
        ),
      );
      await waitFor('the reward narrated', async () =>
        logs.some(
          (l) => typeof l.narrate === 'string' && /^Reward (issued|held until)/.test(l.narrate as string),
        ),
      );
      // The stand-in log-in: Ada's own page comes through the signed proxy with her customer id.
      await page.getByRole('link', { name: 'Log in' }).click();
      await shot('login');
      await page.getByRole('button', { name: 'Log in as Ada' }).click();
      await page.waitForURL(/\/apps\/referrals/);
      await expect.poll(() => page.locator('main').textContent()).toContain(code!);
      await shot('advocate');
      expect(offsite).toEqual([]);
      await page.close();
    },
  );
});
