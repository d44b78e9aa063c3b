// @vitest-environment node
// The friend's path in a real browser, at a phone and a desktop size: the advocate's /r/:code link
// (the real link router, on the app's own server) redirects to the shop's storefront, where a small
// stand-in for the shop answers https://{shop}/... : the app proxy pages through the real proxy
// router, signed as Shopify signs them and put in a page; every other path is the shop's own page.
// Fresh database; nothing leaves the machine (Chromium resolves the shop's host to the stand-in).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClickWriter, deriveFriendCodeKey, enrollAdvocate } from '@referrals/core';
import { buildMerchant, buildProgram, createTestDatabase, type TestDatabase } from '@referrals/core/testing';
import { proxyRouter, referralLinkRouter } from '@referrals/shopify-app';
import { proxyQuery } from '@referrals/shopify-app/testing';
import express from 'express';
import { pino } from 'pino';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM, CHROMIUM_FLAGS, screenshotDir } from './harness.js';

const SECRET = 'friend-browser-secret';
const shots = `${screenshotDir}storefront/`;
const SIZES = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } } as const;

let database: TestDatabase;
let browser: Browser;
/** The app's own server (the /r/:code link). */
let appBase: string;
let shop: string;
let advocateCode: string;
let close: () => Promise<void>;

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<style>body { font-family: system-ui, sans-serif; margin: 0; line-height: 1.5; color: #202223; }
header { padding: 1rem; border-bottom: 1px solid #ddd; font-weight: 600; }
.page-width { max-width: 42rem; margin: 0 auto; padding: 0 1rem; }</style>
</head><body><header>Sandbox shop</header>${body}</body></html>`;

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  const merchant = await buildMerchant(db, { name: 'Sandbox shop' });
  shop = merchant.shopDomain!;
  const { programId } = await buildProgram(db, merchant.id, {
    friendReward: { kind: 'percent_discount', bps: 1500 },
    eligibility: { minimumOrderMinor: 5000 },
  });
  const advocate = await enrollAdvocate(db, {
    merchantId: merchant.id,
    programId,
    customer: { platformCustomerId: '990', email: 'ada@example.com', firstName: 'Ada' },
    consentAt: new Date(),
  });
  advocateCode = advocate.code!;
  const logger = pino({ level: 'silent' });
  const clickWriter = new ClickWriter(db, { ipHashSalt: 'salt', flushIntervalMs: 60_000 });
  const app = express();
  app.use(referralLinkRouter({ db, clickWriter, logger, signatureSecret: Buffer.alloc(32, 3) }));
  app.use(
    proxyRouter({
      db,
      apiSecret: SECRET,
      logger,
      linkBaseUrl: 'http://127.0.0.1',
      friendCodeKey: deriveFriendCodeKey(Buffer.alloc(32, 7)),
    }),
  );
  const appServer = app.listen(0, '127.0.0.1');
  await new Promise((r) => appServer.once('listening', r));
  appBase = `http://127.0.0.1:${(appServer.address() as AddressInfo).port}`;

  const storefront = express();
  // The app proxy, as Shopify forwards it: the visitor's query plus Shopify's signed parameters.
  storefront.use('/apps/referrals', express.raw({ type: '*/*' }), async (req, res) => {
    const incoming = new URL(req.originalUrl, 'http://storefront.invalid');
    const query = proxyQuery(SECRET, { shop, extra: Object.fromEntries(incoming.searchParams) });
    const answer = await fetch(`${appBase}/proxy${req.path === '/' ? '' : req.path}?${query}`, {
      method: req.method,
      redirect: 'manual',
      headers: { 'content-type': req.headers['content-type'] ?? 'text/plain' },
      ...(req.method === 'POST' ? { body: new Uint8Array(req.body as Buffer) } : {}),
    });
    const body = await answer.text();
    res.status(answer.status).type('html').send(page('Referrals', body));
  });
  storefront.use((req, res) => {
    res
      .type('html')
      .send(page('Sandbox shop', `<main class="page-width"><h1>Shop page ${req.path}</h1></main>`));
  });
  // The shop's https origin: a throwaway self-signed certificate, and Chromium resolving the
  // shop's host to this server (so the redirect's real https://{shop}/... URL is followed).
  const certDir = mkdtempSync(join(tmpdir(), 'friend-browser-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      `/CN=${shop}`,
      '-keyout',
      join(certDir, 'key.pem'),
      '-out',
      join(certDir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  const storefrontServer = createServer(
    { key: readFileSync(join(certDir, 'key.pem')), cert: readFileSync(join(certDir, 'cert.pem')) },
    storefront,
  ).listen(0, '127.0.0.1');
  await new Promise((r) => storefrontServer.once('listening', r));
  const port = (storefrontServer.address() as AddressInfo).port;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_FLAGS, `--host-resolver-rules=MAP ${shop} 127.0.0.1:${port}`],
  });
  mkdirSync(shots, { recursive: true });
  close = async () => {
    await browser.close();
    await clickWriter.close();
    await new Promise((r) => storefrontServer.close(r));
    await new Promise((r) => appServer.close(r));
    rmSync(certDir, { recursive: true, force: true });
    await database.drop();
  };
});

afterAll(() => close?.());

/** A fresh browser context at a size (the stand-in's certificate is self-signed). */
async function open(size: keyof typeof SIZES): Promise<{ context: BrowserContext; tab: Page }> {
  const context = await browser.newContext({ viewport: SIZES[size], ignoreHTTPSErrors: true });
  const tab = await context.newPage();
  tab.on('pageerror', (error) => {
    throw error;
  });
  return { context, tab };
}

describe.each(Object.keys(SIZES) as (keyof typeof SIZES)[])('at %s size', (size) => {
  test('the friend opens the link, sees the offer and one button that takes them to the shop with it', async () => {
    const { context, tab } = await open(size);
    await tab.goto(`${appBase}/r/${advocateCode.toLowerCase()}?shop=${shop}`);
    expect(new URL(tab.url()).pathname).toBe(`/apps/referrals/invite/${advocateCode}`);
    expect(await tab.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Ada gave you 15% off your first order of $50.00 or more',
    );
    const button = tab.locator('.referrals-proxy__cta');
    expect(await button.count()).toBe(1);
    expect(await button.textContent()).toBe('Shop now with 15% off');
    // The main action is the prominent one: larger than the secondary link and filled.
    const box = (await button.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(await button.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
    await tab.screenshot({ path: `${shots}friend-offer-${size}.png`, fullPage: true });

    await button.click();
    await tab.waitForURL((url) => url.pathname === '/');
    const landed = new URL(tab.url());
    expect(landed.host).toBe(shop);
    expect(landed.searchParams.get('ref')).toBe(advocateCode);
    expect(landed.searchParams.get('rv')).toMatch(/^[0-9a-f-]{36}$/);
    expect(landed.searchParams.get('rs')).toMatch(/^[A-Za-z0-9_-]{22}$/);
    await context.close();
  });

  test('the secondary link leads to the personal-code form, whose code page says the offer once', async () => {
    const { context, tab } = await open(size);
    await tab.goto(`${appBase}/r/${advocateCode}?shop=${shop}`);
    await tab.getByRole('link', { name: /Get a personal code by email/ }).click();
    await tab.waitForURL(/\/claim/);
    await tab.screenshot({ path: `${shots}friend-claim-${size}.png`, fullPage: true });
    await tab.getByLabel('Your email').fill(`friend-${size}@example.org`);
    await tab.getByRole('button', { name: 'Get my code' }).click();
    await tab.getByRole('heading', { name: 'Your welcome code' }).waitFor();
    const text = await tab.locator('.referrals-proxy').textContent();
    expect(text).toContain('It gives you 15% off your first order of $50.00 or more. It works once.');
    expect(text?.match(/first order/g)).toHaveLength(1);
    await tab.screenshot({ path: `${shots}friend-code-${size}.png`, fullPage: true });
    await context.close();
  });

  test("an inactive link says so, with the shop's standing offer and a button to the shop", async () => {
    const { context, tab } = await open(size);
    const response = await tab.goto(`${appBase}/r/NOSUCHCODE?shop=${shop}`);
    expect(response?.status()).toBe(404);
    expect(await tab.getByRole('heading', { level: 1 }).textContent()).toBe("This link isn't active");
    expect(await tab.textContent('body')).toContain('you get 15% off your first order of $50.00 or more');
    await tab.screenshot({ path: `${shots}link-inactive-${size}.png`, fullPage: true });
    await tab.getByRole('link', { name: 'Go to the shop' }).click();
    await tab.waitForURL((url) => url.host === shop);
    expect(await tab.getByRole('heading', { level: 1 }).textContent()).toBe('Shop page /');
    await context.close();
  });
});
