// @vitest-environment node
// The advocate's storefront surfaces in a real browser, at a phone and a desktop size: the app
// proxy's page (joining, the live offer, Copy, each share button) and the theme's share block
// (share.liquid + share.js). A small storefront in front of the real proxy router signs each
// request as Shopify's app proxy does and puts the Liquid answer in a page, on a fresh database.
import { mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { deriveFriendCodeKey, enrollAdvocate } from '@referrals/core';
import { buildMerchant, buildProgram, createTestDatabase, type TestDatabase } from '@referrals/core/testing';
import { proxyRouter } from '@referrals/shopify-app';
import { proxyQuery } from '@referrals/shopify-app/testing';
import express from 'express';
import { pino } from 'pino';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM, CHROMIUM_FLAGS, screenshotDir } from './harness.js';

const SECRET = 'storefront-browser-secret';
const LINK_BASE = 'https://referrals.example.com';
const extension = new URL('../../../extensions/referral-embed/', import.meta.url);
const shots = `${screenshotDir}storefront/`;
const SIZES = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } } as const;

let database: TestDatabase;
let browser: Browser;
let base: string;
let shop: string;
let advocateCode: string;
let close: () => Promise<void>;
/** Who the storefront says is logged in (Shopify's `logged_in_customer_id`), per test. */
let customerId: string | null = null;

/** share.liquid through the few Liquid constructs it uses, with its schema's defaults and en locale. */
function shareBlock(loggedIn: boolean, path: string): string {
  const liquid = readFileSync(new URL('blocks/share.liquid', extension), 'utf8');
  const locale = JSON.parse(readFileSync(new URL('locales/en.default.json', extension), 'utf8'));
  const schema = JSON.parse(/{% schema %}([\s\S]*){% endschema %}/.exec(liquid)![1]!);
  const setting = (id: string) => schema.settings.find((s: { id: string }) => s.id === id).default;
  const out = liquid
    .replace(/{%- comment -%}[\s\S]*?{%- endcomment -%}/, '')
    .replace(/{% schema %}[\s\S]*{% endschema %}/, '')
    .replace(/{%- if customer -%}([\s\S]*){%- else -%}([\s\S]*?){%- endif -%}/, (_m, yes, no) =>
      loggedIn ? yes : no,
    )
    .replace(/{%- if block\.settings\.\w+ != blank -%}([\s\S]*?){%- endif -%}/g, '$1')
    .replace(/{{ block\.settings\.(\w+) \| (?:default: '[^']*' \| )?escape }}/g, (_m, id) => setting(id))
    .replace(/{{-? '([\w.]+)' \| t(?:: shop: shop\.name)?(?: \| escape)? -?}}/g, (_m, key: string) =>
      key
        .split('.')
        .reduce((o, k) => o[k], locale)
        .replace('{{ shop }}', 'Sandbox shop'),
    )
    .replace('{{ block.shopify_attributes }}', '')
    .replaceAll('{{ block.id }}', 'b1')
    .replace('{{ routes.account_login_url }}', '/account/login')
    .replace('{{ request.path | url_encode }}', encodeURIComponent(path));
  expect(out).not.toMatch(/{{|{%/); // every construct handled
  return out;
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<style>body { font-family: system-ui, sans-serif; margin: 0; line-height: 1.5; color: #202223; }
header { padding: 1rem; border-bottom: 1px solid #ddd; font-weight: 600; }
.page-width { max-width: 42rem; margin: 0 auto; padding: 0 1rem; }
.button { display: inline-block; padding: 0.6rem 1rem; border: 1px solid #202223; border-radius: 0.4rem;
  background: #202223; color: #fff; text-decoration: none; font: inherit; cursor: pointer; }</style>
</head><body><header>Sandbox shop</header>${body}</body></html>`;

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  const merchant = await buildMerchant(db);
  shop = merchant.shopDomain!;
  const { programId } = await buildProgram(db, merchant.id);
  const advocate = await enrollAdvocate(db, {
    merchantId: merchant.id,
    programId,
    customer: { platformCustomerId: '880', firstName: 'Ada' },
    consentAt: new Date(),
  });
  advocateCode = advocate.code!;
  const logger = pino({ level: 'silent' });
  const app = express();
  app.use(
    proxyRouter({
      db,
      apiSecret: SECRET,
      logger,
      linkBaseUrl: LINK_BASE,
      friendCodeKey: deriveFriendCodeKey(Buffer.alloc(32, 7)),
    }),
  );
  const proxyServer = app.listen(0, '127.0.0.1');
  await new Promise((r) => proxyServer.once('listening', r));
  const proxyBase = `http://127.0.0.1:${(proxyServer.address() as AddressInfo).port}`;

  const storefront = express();
  storefront.get('/assets/share.js', (_req, res) => {
    res.type('text/javascript').send(readFileSync(new URL('assets/share.js', extension)));
  });
  storefront.get('/pages/refer', (_req, res) => {
    const block = shareBlock(customerId !== null, '/pages/refer');
    res
      .type('html')
      .send(
        page(
          'Refer',
          `<main class="page-width">${block}</main><script src="/assets/share.js" defer></script>`,
        ),
      );
  });
  // The app proxy, as Shopify forwards it: the visitor's query plus Shopify's signed parameters.
  storefront.use('/apps/referrals', express.raw({ type: '*/*' }), async (req, res) => {
    const incoming = new URL(req.originalUrl, 'http://storefront.invalid');
    const extra = Object.fromEntries(incoming.searchParams);
    const query = proxyQuery(SECRET, { shop, customerId, extra });
    const hasBody = req.method === 'POST';
    const answer = await fetch(`${proxyBase}/proxy${req.path === '/' ? '' : req.path}?${query}`, {
      method: req.method,
      redirect: 'manual',
      headers: { 'content-type': req.headers['content-type'] ?? 'text/plain' },
      ...(hasBody ? { body: new Uint8Array(req.body as Buffer) } : {}),
    });
    const location = answer.headers.get('location');
    if (location) return res.status(answer.status).location(location).end();
    const body = await answer.text();
    const liquid = answer.headers.get('content-type') === 'application/liquid';
    res.status(answer.status).type(liquid ? 'html' : (answer.headers.get('content-type') ?? 'text/plain'));
    res.send(liquid ? page('Referrals', body) : body);
  });
  const server = storefront.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  mkdirSync(shots, { recursive: true });
  close = async () => {
    await browser.close();
    await new Promise((r) => server.close(r));
    await new Promise((r) => proxyServer.close(r));
    await database.drop();
  };
});

afterAll(() => close?.());

async function open(
  size: keyof typeof SIZES,
  path: string,
  options: { shareSheet?: boolean } = {},
): Promise<{ context: BrowserContext; tab: Page; shared: () => Promise<unknown[]> }> {
  const context = await browser.newContext({ viewport: SIZES[size] });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  if (options.shareSheet) {
    // A phone's share sheet, recorded: what the page hands to navigator.share.
    await context.addInitScript(() => {
      const calls: unknown[] = [];
      Object.defineProperty(window, '__shared', { value: calls });
      Object.defineProperty(navigator, 'share', {
        value: (data: unknown) => {
          calls.push(data);
          return Promise.resolve();
        },
      });
    });
  }
  const tab = await context.newPage();
  tab.on('pageerror', (error) => {
    throw error;
  });

  await tab.goto(`${base}${path}`);
  return {
    context,
    tab,
    shared: () => tab.evaluate(() => (window as unknown as { __shared: unknown[] }).__shared),
  };
}

const link = () => `${LINK_BASE}/r/${advocateCode}?shop=${shop}`;
const TEXT = "Here's 15% off your first order. (I get $10.00 in store credit if you order.)";
const withLink = () =>
  `Here's 15% off your first order: ${link()} (I get $10.00 in store credit if you order.)`;
const expectedHrefs = () => {
  const enc = encodeURIComponent;
  return {
    whatsapp: `https://wa.me/?text=${enc(withLink())}`,
    sms: `sms:?&body=${enc(withLink())}`,
    x: `https://twitter.com/intent/tweet?text=${enc(TEXT)}&url=${enc(link())}`,
    facebook: `https://www.facebook.com/sharer/sharer.php?u=${enc(link())}`,
  };
};
const hrefsOf = (tab: Page) =>
  tab.$$eval('[data-share]', (anchors) =>
    Object.fromEntries(anchors.map((a) => [a.getAttribute('data-share'), a.getAttribute('href')])),
  );

describe.each(Object.keys(SIZES) as (keyof typeof SIZES)[])('at %s size', (size) => {
  test('a customer joins in one step and sees the confirmation and their link', async () => {
    customerId = size === 'phone' ? '4001' : '4002';
    const { context, tab } = await open(size, '/apps/referrals');
    await tab.screenshot({ path: `${shots}advocate-page-join-${size}.png`, fullPage: true });
    await tab.getByRole('checkbox').check();
    await tab.getByRole('button', { name: 'Get my referral link' }).click();
    await tab.waitForURL(/joined=1/);
    await expect.poll(() => tab.getByRole('status').first().textContent()).toMatch(/You're in!/);
    expect(await tab.locator('.referrals-proxy__headline').textContent()).toBe('Give 15%, get $10');
    await tab.screenshot({ path: `${shots}advocate-page-joined-${size}.png`, fullPage: true });
    await context.close();
  });

  test('the advocate copies the whole link and every share button carries the message', async () => {
    customerId = '880';
    const { context, tab } = await open(size, '/apps/referrals');
    expect(await tab.locator('h2.referrals-proxy__headline').textContent()).toBe('Give 15%, get $10');
    const field = tab.locator('[data-referrals-link]');
    expect(await field.inputValue()).toBe(link());
    // The field shows all of the link: it wraps instead of scrolling.
    const { scroll, client } = await field.evaluate((el) => ({
      scroll: el.scrollHeight,
      client: el.clientHeight,
    }));
    expect(scroll).toBeLessThanOrEqual(client + 1);
    const copied = tab.getByText('Copied. Paste it anywhere to share.');
    expect(await copied.isVisible()).toBe(false);
    await tab.getByRole('button', { name: 'Copy', exact: true }).click();
    await copied.waitFor({ state: 'visible' });
    expect(await tab.evaluate(() => navigator.clipboard.readText())).toBe(link());

    const hrefs = await hrefsOf(tab);
    const enc = encodeURIComponent;
    expect(hrefs).toEqual({
      ...expectedHrefs(),
      email: `mailto:?subject=${enc('A gift for you: 15% off your first order')}&body=${enc(withLink())}`,
    });
    // The share sheet's button shows only where the browser has one (not this headless Chromium).
    const hasShare = await tab.evaluate(() => typeof navigator.share === 'function');
    expect(await tab.getByRole('button', { name: 'More ways to share' }).isVisible()).toBe(hasShare);
    await tab.screenshot({ path: `${shots}advocate-page-${size}.png`, fullPage: true });
    await context.close();
  });

  test("where the browser has a share sheet, the page's button opens it with the message", async () => {
    customerId = '880';
    const { context, tab, shared } = await open(size, '/apps/referrals', { shareSheet: true });
    await tab.getByRole('button', { name: 'More ways to share' }).click();
    expect(await shared()).toEqual([{ text: TEXT, url: link() }]);
    await context.close();
  });

  test('the share block: the live offer and share links for an advocate', async () => {
    customerId = '880';
    const { context, tab, shared } = await open(size, '/pages/refer', { shareSheet: true });
    await tab.locator('[data-referral-body]').waitFor({ state: 'visible' });
    expect(await tab.locator('[data-referral-offer]').textContent()).toBe('Give 15%, get $10');
    const field = tab.locator('[data-referral-link]');
    expect(await field.inputValue()).toBe(link());
    const { scroll, client } = await field.evaluate((el) => ({
      scroll: el.scrollHeight,
      client: el.clientHeight,
    }));
    expect(scroll).toBeLessThanOrEqual(client + 1); // all of the link shows, on a phone too
    await tab.getByRole('button', { name: 'Copy link' }).click();
    await tab.getByText('Link copied').waitFor({ state: 'visible' });
    expect(await tab.evaluate(() => navigator.clipboard.readText())).toBe(link());
    const enc = encodeURIComponent;
    expect(await hrefsOf(tab)).toEqual({
      ...expectedHrefs(),
      email: `mailto:?subject=${enc('A gift for you from Sandbox shop')}&body=${enc(withLink())}`,
    });
    await tab.getByRole('button', { name: 'More ways to share' }).click();
    expect(await shared()).toEqual([{ text: TEXT, url: link() }]);
    await tab.screenshot({ path: `${shots}share-block-advocate-${size}.png`, fullPage: true });
    await context.close();
  });

  test('the share block invites a customer who has not joined, and a visitor to log in and come back', async () => {
    customerId = '5999';
    const joining = await open(size, '/pages/refer');
    const join = joining.tab.getByRole('link', { name: 'Join and get my link' });
    await join.waitFor({ state: 'visible' });
    expect(await joining.tab.locator('[data-referral-offer]').textContent()).toBe('Give 15%, get $10');
    expect(await joining.tab.locator('[data-referral-unavailable]').isVisible()).toBe(false);
    await joining.tab.screenshot({ path: `${shots}share-block-join-${size}.png`, fullPage: true });
    await join.click();
    await joining.tab.getByRole('button', { name: 'Get my referral link' }).waitFor();
    await joining.context.close();

    customerId = null;
    const visitor = await open(size, '/pages/refer');
    const login = visitor.tab.getByRole('link', { name: 'Log in to see your referral link' });
    expect(await login.getAttribute('href')).toBe('/account/login?return_url=%2Fpages%2Frefer');
    await visitor.tab.screenshot({ path: `${shots}share-block-logged-out-${size}.png`, fullPage: true });
    await visitor.context.close();
  });
});
