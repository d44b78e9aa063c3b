// The friend's path over the public routes on real PostgreSQL: the /r/:code link redirects to the
// offer page on the storefront, which Shopify's app proxy forwards here signed (query included);
// the page states the offer with one button that carries the signed referral on to the shop;
// the personal-code form refuses a first-order offer to an address that has ordered before.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ClickWriter, type Database, deriveFriendCodeKey, enrollAdvocate } from '@referrals/core';
import { buildMerchant, buildProgram, deliver, orderFacts, rowsOf } from '@referrals/core/testing';
import { dbTest as test } from '@referrals/core/testing/fixtures';
import express from 'express';
import { pino } from 'pino';
import { expect } from 'vitest';
import { deriveSignatureKey, verifyReferralSignature } from '../discounts/referral-signature.js';
import { errorHandler } from '../error-handler.js';
import { referralLinkRouter } from '../links/route.js';
import { proxyRouter } from './router.js';
import { proxyQuery } from './testing.js';

const SECRET = 'friend-landing-secret';
const PROXY_PREFIX = '/apps/referrals';

/** The link and the proxy on one app, as server.ts mounts them. */
async function serve(db: Database, signatureSecret: Buffer) {
  const logger = pino({ level: 'silent' });
  const clickWriter = new ClickWriter(db, { ipHashSalt: 'salt', flushIntervalMs: 60_000 });
  const app = express();
  app.use(referralLinkRouter({ db, clickWriter, logger, signatureSecret }));
  app.use(
    proxyRouter({
      db,
      apiSecret: SECRET,
      logger,
      linkBaseUrl: 'https://referrals.example.com',
      friendCodeKey: deriveFriendCodeKey(randomBytes(32)),
    }),
  );
  app.use(errorHandler(logger));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    clickWriter,
    /**
     * What the shop's storefront does with a URL under the proxy prefix: forwards the path below
     * it to /proxy with the shopper's query plus Shopify's parameters, signed.
     */
    storefront(url: URL, shop: string, init: RequestInit = {}) {
      expect(url.host).toBe(shop);
      expect(url.pathname.startsWith(`${PROXY_PREFIX}/`)).toBe(true);
      const extra = Object.fromEntries(url.searchParams);
      const query = proxyQuery(SECRET, { shop, extra });
      return fetch(`${base}/proxy${url.pathname.slice(PROXY_PREFIX.length)}?${query}`, {
        redirect: 'manual',
        ...init,
      });
    },
    async close() {
      await clickWriter.close();
      await new Promise((r) => server.close(r));
    },
  };
}

async function seed(db: Database) {
  const merchant = await buildMerchant(db, { currency: 'EUR' });
  const { programId } = await buildProgram(db, merchant.id, {
    friendReward: { kind: 'percent_discount', bps: 1500 },
    eligibility: { minimumOrderMinor: 5000 },
  });
  const enrolled = await enrollAdvocate(db, {
    merchantId: merchant.id,
    programId,
    customer: { platformCustomerId: '701', email: 'ada@example.com', firstName: 'Ada' },
    consentAt: new Date(),
  });
  return { merchant, shop: merchant.shopDomain!, advocate: { code: enrolled.code! } };
}

/** The one primary button of a page: its href (entities decoded) and its words. */
function primaryButton(page: string): { href: string; label: string } {
  const buttons = [...page.matchAll(/<a class="referrals-proxy__cta" href="([^"]*)">([^<]*)<\/a>/g)];
  expect(buttons).toHaveLength(1);
  return { href: buttons[0]![1]!.replaceAll('&amp;', '&'), label: buttons[0]![2]! };
}

test('the link lands on the offer page, whose one button carries the signed referral on to the shop', async ({
  engine,
}) => {
  const { merchant, shop, advocate } = await seed(engine.db);
  const signatureSecret = randomBytes(32);
  const app = await serve(engine.db, signatureSecret);
  try {
    const click = await fetch(`${app.base}/r/${advocate.code.toLowerCase()}?shop=${shop}`, {
      redirect: 'manual',
      headers: { 'user-agent': 'friend-landing test' },
    });
    expect(click.status).toBe(302);
    const landing = new URL(click.headers.get('location')!);
    expect(landing.pathname).toBe(`${PROXY_PREFIX}/invite/${advocate.code}`);
    const rv = landing.searchParams.get('rv')!;
    const rs = landing.searchParams.get('rs')!;

    const res = await app.storefront(landing, shop);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/liquid');
    const page = await res.text();
    // The offer in words and in the shop's currency, the minimum included, said once.
    expect(page).toContain('<h1>Ada gave you 15% off your first order of €50.00 or more</h1>');
    expect(page).toContain('no code to type');
    expect(page.match(/first order/g)).toHaveLength(1);
    const button = primaryButton(page);
    expect(button.label).toBe('Shop now with 15% off');
    // The button goes to the shop with ref, rv and rs: the theme embed copies them onto the cart,
    // and the automatic discount accepts the signature for this code.
    const next = new URL(button.href, `https://${shop}`);
    expect(next.pathname).toBe('/');
    expect(Object.fromEntries(next.searchParams)).toEqual({ ref: advocate.code, rv, rs });
    const key = deriveSignatureKey(signatureSecret, merchant.id);
    expect(verifyReferralSignature(key, advocate.code, rs)).toBe(true);
    // The secondary action is a plain link, not a second button or form.
    expect(page).not.toContain('<form');
    expect(page).toContain(`<a href="${PROXY_PREFIX}/invite/${advocate.code}/claim">`);

    // The click was recorded as before.
    await app.clickWriter.flush();
    const clicks = await rowsOf(engine.db, 'clicks', merchant.id);
    expect(clicks).toHaveLength(1);
    expect(clicks[0]?.visitorId).toBe(rv);
  } finally {
    await app.close();
  }
});

test("a product link's path is kept by the button, checked again; a forged one falls back to the home page", async ({
  engine,
}) => {
  const { shop, advocate } = await seed(engine.db);
  const app = await serve(engine.db, randomBytes(32));
  try {
    const click = await fetch(
      `${app.base}/r/${advocate.code}?shop=${shop}&to=${encodeURIComponent('/products/red-shoe?variant=7')}`,
      { redirect: 'manual' },
    );
    const landing = new URL(click.headers.get('location')!);
    const next = new URL(
      primaryButton(await (await app.storefront(landing, shop)).text()).href,
      `https://${shop}`,
    );
    expect(next.pathname).toBe('/products/red-shoe');
    expect(next.searchParams.get('variant')).toBe('7');
    expect(next.searchParams.get('ref')).toBe(advocate.code);

    // Someone edits the storefront URL: Shopify signs whatever query the shopper sent.
    for (const to of ['//evil.com', 'https://evil.com', '/\\evil.com', 'javascript:alert(1)']) {
      const forged = new URL(landing);
      forged.searchParams.set('to', to);
      forged.searchParams.set('rs', '<script>');
      const href = primaryButton(await (await app.storefront(forged, shop)).text()).href;
      expect(href.startsWith('/'), to).toBe(true);
      expect(href.startsWith('//'), to).toBe(false);
      // A malformed rs is dropped: the button then applies the advocate's redeem code instead.
      expect(href, to).toBe(
        `/discount/${advocate.code}?redirect=${encodeURIComponent(`/?ref=${advocate.code}&rv=${landing.searchParams.get('rv')}`)}`,
      );
    }
  } finally {
    await app.close();
  }
});

test('the personal-code form: its copy says the offer once, and a friend who has ordered before gets no first-order code', async ({
  engine,
}) => {
  const { merchant, shop, advocate } = await seed(engine.db);
  const app = await serve(engine.db, randomBytes(32));
  const claimUrl = new URL(`https://${shop}${PROXY_PREFIX}/invite/${advocate.code}/claim`);
  const claim = (email: string) =>
    app.storefront(claimUrl, shop, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email }).toString(),
    });
  try {
    const form = await (await app.storefront(claimUrl, shop)).text();
    expect(form).toContain('<form method="post" action="/apps/referrals/invite/');
    expect(form).toContain('Your code gives you 15% off your first order of €50.00 or more. It works once.');

    const fresh = await claim('bob@example.org');
    expect(fresh.status).toBe(200);
    const page = await fresh.text();
    expect(page).toContain('It gives you 15% off your first order of €50.00 or more. It works once.');
    expect(page).not.toMatch(/first order[^.]*first order/);

    // Carol bought before (the engine recorded her paid order): no "first order" code for her.
    const earlier = orderFacts({ currency: 'EUR', customer: { id: null, email: 'carol@example.org' } });
    await deliver(engine, merchant.id, { type: 'OrderPaid', ...earlier });
    const repeat = await claim('Carol@Example.org');
    console.log('DEBUG', repeat.status, await repeat.clone().text());
    expect(repeat.status).toBe(400);
    // The same words as for the advocate's own address: the form does not say who shops here.
    expect(await repeat.text()).toContain('This invitation cannot be used with that email address.');
    const offers = await rowsOf(engine.db, 'friend_offers', merchant.id);
    expect(offers.map((o) => o.friendEmailNormalized)).toEqual(['bob@example.org']);
  } finally {
    await app.close();
  }
});
