// The app proxy over real HTTP on real PostgreSQL, signed as Shopify signs: refused requests write
// nothing, enrolment, the dashboard, the share block's JSON, the friend landing page, merchant
// isolation and escaping.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import {
  type Database,
  deriveFriendCodeKey,
  enrollAdvocate,
  issueReward,
  releaseReward,
} from '@referrals/core';
import {
  allRowsOf,
  buildAdvocate,
  buildMerchant,
  buildProgram,
  deliver,
  markMerchantUninstalled,
  orderFacts,
  RecordingRewardIssuer,
  rowsOf,
} from '@referrals/core/testing';
import { dbTest as test } from '@referrals/core/testing/fixtures';
import express from 'express';
import { pino } from 'pino';
import { describe, expect } from 'vitest';
import { errorHandler } from '../error-handler.js';
import { formatDate } from './format.js';
import { proxyRouter } from './router.js';
import { type ProxyQueryParams, proxyQuery, signProxyQuery } from './testing.js';

const SECRET = 'proxy-int-secret';
const LINK_BASE = 'https://referrals.example.com/';
const CODE = /^[A-Za-z0-9_-]{3,32}$/; // the share block's check (share.js)

async function serve(db: Database) {
  const logger = pino({ level: 'silent' });
  const app = express();
  const friendCodeKey = deriveFriendCodeKey(randomBytes(32));
  app.use(proxyRouter({ db, apiSecret: SECRET, logger, linkBaseUrl: LINK_BASE, friendCodeKey }));
  app.use(errorHandler(logger));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  type As = { shop: string; customerId?: string | null; nowMs?: number; extra?: ProxyQueryParams };
  return {
    get: (path: string, as: As) => fetch(`${base}${path}?${proxyQuery(SECRET, as)}`, { redirect: 'manual' }),
    raw: (pathAndQuery: string, init: RequestInit = {}) =>
      fetch(`${base}${pathAndQuery}`, { redirect: 'manual', ...init }),
    post: (path: string, as: As, form: Record<string, string>) =>
      fetch(`${base}${path}?${proxyQuery(SECRET, as)}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      }),
    close: () => new Promise((r) => server.close(r)),
  };
}
type App = Awaited<ReturnType<typeof serve>>;

async function shopWithProgram(db: Database) {
  const merchant = await buildMerchant(db);
  const { programId } = await buildProgram(db, merchant.id);
  return { merchant, programId, shop: merchant.shopDomain! };
}

const advocatesOf = (db: Database, merchantId: string) => rowsOf(db, 'advocates', merchantId);

/** The enrolment form's token, read from the page as a browser would submit it. */
async function formToken(app: App, shop: string, customerId: string): Promise<string> {
  const page = await (await app.get('/proxy', { shop, customerId })).text();
  const token = /name="token" value="([^"]+)"/.exec(page)?.[1];
  if (!token) throw new Error(`no enrolment form in:\n${page}`);
  return token;
}

const withApp = async (db: Database, run: (app: App) => Promise<void>) => {
  const app = await serve(db);
  try {
    await run(app);
  } finally {
    await app.close();
  }
};

describe('refused requests', () => {
  test('a bad signature is a 401 page and enrols nobody', async ({ engine }) => {
    const { merchant, shop } = await shopWithProgram(engine.db);
    await withApp(engine.db, async (app) => {
      const token = await formToken(app, shop, '101');
      const forged = signProxyQuery(
        {
          shop,
          logged_in_customer_id: '101',
          path_prefix: '/apps/referrals',
          timestamp: `${Math.floor(Date.now() / 1000)}`,
        },
        'not-the-secret',
      );
      const post = await app.raw(`/proxy/enroll?${forged}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `consent=on&token=${token}`,
      });
      expect(post.status).toBe(401);
      expect(post.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await post.text()).toMatch(/Unauthorized/);
      // A valid query with its customer id swapped after signing.
      const swapped = proxyQuery(SECRET, { shop, customerId: '101' }).replace(
        'logged_in_customer_id=101',
        'logged_in_customer_id=102',
      );
      expect((await app.raw(`/proxy?${swapped}`)).status).toBe(401);
      expect((await app.raw('/proxy')).status).toBe(401);
      const link = await app.raw(`/proxy/link?${forged}`);
      expect(link.status).toBe(401);
      expect(await link.json()).toMatchObject({ error: 'UNAUTHORIZED' });
      expect(await advocatesOf(engine.db, merchant.id)).toEqual([]);
    });
  });

  test('a stale timestamp is a 401, a fresh one is not', async ({ engine }) => {
    const { shop } = await shopWithProgram(engine.db);
    await withApp(engine.db, async (app) => {
      expect((await app.get('/proxy', { shop, nowMs: Date.now() - 10 * 60_000 })).status).toBe(401);
      expect((await app.get('/proxy', { shop, nowMs: Date.now() - 60_000 })).status).toBe(200);
    });
  });

  test('an unknown or uninstalled shop is a 404 page', async ({ engine }) => {
    const { merchant, shop } = await shopWithProgram(engine.db);
    await withApp(engine.db, async (app) => {
      const unknown = await app.get('/proxy', { shop: 'nobody-here.myshopify.com' });
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get('content-type')).toBe('application/liquid');
      expect(
        (await app.get('/proxy/link', { shop: 'nobody-here.myshopify.com', customerId: '1' })).status,
      ).toBe(404);
      await markMerchantUninstalled(engine.db, merchant.id);
      expect((await app.get('/proxy', { shop })).status).toBe(404);
    });
  });
});

test('a logged-out visitor sees the programme and a log-in link, as Liquid', async ({ engine }) => {
  const { shop } = await shopWithProgram(engine.db);
  await withApp(engine.db, async (app) => {
    for (const path of ['/proxy', '/proxy/']) {
      const res = await app.get(path, { shop });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/liquid');
      expect(res.headers.get('cache-control')).toBe('no-store');
      const page = await res.text();
      expect(page).toContain('href="/account/login?return_url=/apps/referrals"');
      expect(page).toContain('<h2 class="referrals-proxy__headline">Give 15%, get $10</h2>');
      expect(page).toContain('You get $10.00 in store credit for each friend who places their first order.');
      expect(page).toContain('Your friend gets 15% off their first order.');
      expect(page).not.toMatch(/<form|on[a-z]+=/i);
    }
    const elsewhere = await app.get('/proxy/nothing-here', { shop });
    expect(elsewhere.status).toBe(404);
  });
});

test('a shop without an active programme says so, and enrolment finds no programme', async ({ engine }) => {
  const merchant = await buildMerchant(engine.db);
  const shop = merchant.shopDomain!;
  await withApp(engine.db, async (app) => {
    expect(await (await app.get('/proxy', { shop })).text()).toMatch(/not running a referral programme/);
    expect(await (await app.get('/proxy', { shop, customerId: '5' })).text()).toMatch(
      /not running a referral programme/,
    );
  });
});

test('enrolment: consent is required, the form token is checked, then the dashboard shows the link', async ({
  engine,
}) => {
  const { merchant, programId, shop } = await shopWithProgram(engine.db);
  await withApp(engine.db, async (app) => {
    const as = { shop, customerId: '4242' };
    const form = await app.get('/proxy', as);
    const formPage = await form.text();
    expect(formPage).toContain('<h2 class="referrals-proxy__headline">Give 15%, get $10</h2>');
    expect(formPage).toContain('<form method="post" action="/apps/referrals/enroll">');
    expect(formPage).toContain('name="consent" value="on" required');
    const token = await formToken(app, shop, '4242');

    const noConsent = await app.post('/proxy/enroll', as, { token });
    expect(noConsent.status).toBe(400);
    expect(noConsent.headers.get('content-type')).toBe('application/liquid');
    expect(await noConsent.text()).toMatch(/tick the box/);
    const wrongConsent = await app.post('/proxy/enroll', as, { token, consent: 'yes' });
    expect(wrongConsent.status).toBe(400);
    // A token issued to another customer, or none: a cross-site post cannot enrol anyone.
    const othersToken = await formToken(app, shop, '4243');
    expect((await app.post('/proxy/enroll', as, { token: othersToken, consent: 'on' })).status).toBe(400);
    expect((await app.post('/proxy/enroll', as, { consent: 'on' })).status).toBe(400);
    expect((await app.post('/proxy/enroll', { shop }, { token, consent: 'on' })).status).toBe(401);
    expect(await advocatesOf(engine.db, merchant.id)).toEqual([]);

    const enrolled = await app.post('/proxy/enroll', as, { token, consent: 'on' });
    expect(enrolled.status).toBe(303);
    expect(enrolled.headers.get('location')).toBe('/apps/referrals?joined=1');
    const again = await app.post('/proxy/enroll', as, { token, consent: 'on' });
    expect(again.status).toBe(303);
    const rows = await advocatesOf(engine.db, merchant.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ programId, status: 'active' });

    const [code] = await allRowsOf(engine.db, 'referral_codes', { advocateId: rows[0]!.id });
    // Where the redirect leads (Shopify forwards `joined=1` inside the signed query): a confirmation.
    const confirmed = await (await app.get('/proxy', { ...as, extra: { joined: '1' } })).text();
    expect(confirmed).toContain(
      '<p class="referrals-proxy__notice" role="status"><strong>You\'re in!</strong> You have joined the referral programme.',
    );
    const dashboard = await (await app.get('/proxy', as)).text();
    expect(dashboard).not.toContain("You're in!");
    expect(dashboard).toContain(`<strong class="referrals-proxy__code">${code!.code}</strong>`);
    expect(dashboard).toContain(
      `readonly spellcheck="false" data-referrals-link>https://referrals.example.com/r/${code!.code}?shop=${shop}</textarea>`,
    );
    expect(dashboard).toMatch(/No referrals yet/);
    expect(dashboard).not.toMatch(/<form/);
  });
});

/** Undo the page's HTML escaping of an attribute value, as a browser does. */
const unescapeHtml = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#123;/g, '{')
    .replace(/&#125;/g, '}')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

test("the advocate's page heads with the live offer and has a share button per network with the message", async ({
  engine,
}) => {
  const merchant = await buildMerchant(engine.db, { currency: 'EUR' });
  const shop = merchant.shopDomain!;
  const { programId } = await buildProgram(engine.db, merchant.id, {
    friendReward: { kind: 'percent_discount', bps: 1500 },
    advocateReward: { kind: 'store_credit', amountMinor: 1000 },
  });
  const advocate = await enrollAdvocate(engine.db, {
    merchantId: merchant.id,
    programId,
    customer: { platformCustomerId: '880', firstName: 'Ada' },
    consentAt: new Date(),
  });
  await withApp(engine.db, async (app) => {
    const page = await (await app.get('/proxy', { shop, customerId: '880' })).text();
    expect(page).toContain('<h2 class="referrals-proxy__headline">Give 15%, get €10</h2>');
    const link = `https://referrals.example.com/r/${advocate.code}?shop=${shop}`;
    const disclosure = '(I get €10.00 in store credit if you order.)';
    const withLink = `Here's 15% off your first order: ${link} ${disclosure}`;
    const hrefs = Object.fromEntries(
      [...page.matchAll(/data-share="([a-z]+)" href="([^"]+)"/g)].map(([, network, href]) => [
        network,
        unescapeHtml(href!),
      ]),
    );
    const enc = encodeURIComponent;
    expect(hrefs).toEqual({
      whatsapp: `https://wa.me/?text=${enc(withLink)}`,
      sms: `sms:?&body=${enc(withLink)}`,
      email: `mailto:?subject=${enc('A gift for you: 15% off your first order')}&body=${enc(withLink)}`,
      x: `https://twitter.com/intent/tweet?text=${enc(`Here's 15% off your first order. ${disclosure}`)}&url=${enc(link)}`,
      facebook: `https://www.facebook.com/sharer/sharer.php?u=${enc(link)}`,
    });
    // The share sheet's button waits hidden for a browser that has navigator.share.
    expect(page).toContain(
      `<li data-referrals-native data-text="Here&#39;s 15% off your first order. ${disclosure}" hidden>`,
    );
    expect(page).toContain('data-referrals-copy>Copy</button>');
    // Shopify renders the page as Liquid: the page's own script and styles form no tag.
    expect(page).not.toMatch(/{{|{%/);
  });
});

test('/proxy/link answers the share block: 401 logged out, 404 for a non-advocate, {code, url} for an advocate', async ({
  engine,
}) => {
  const { merchant, programId, shop } = await shopWithProgram(engine.db);
  const advocate = await enrollAdvocate(engine.db, {
    merchantId: merchant.id,
    programId,
    customer: { platformCustomerId: '300' },
    consentAt: new Date(),
  });
  await withApp(engine.db, async (app) => {
    const loggedOut = await app.get('/proxy/link', { shop });
    expect(loggedOut.status).toBe(401);
    expect(loggedOut.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await app.get('/proxy/link', { shop, customerId: '301' })).status).toBe(404);
    const res = await app.get('/proxy/link', { shop, customerId: '300' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { code: string; url: string };
    expect(body).toMatchObject({
      code: advocate.code,
      url: `https://referrals.example.com/r/${advocate.code}?shop=${shop}`,
    });
    expect(body.code).toMatch(CODE);
    expect(new URL(body.url).protocol).toBe('https:');
  });
});

test('/proxy/link gives the live offer: the message for an advocate, the headline and a join invitation for a customer who has not joined', async ({
  engine,
}) => {
  const { merchant, programId, shop } = await shopWithProgram(engine.db);
  const advocate = await enrollAdvocate(engine.db, {
    merchantId: merchant.id,
    programId,
    customer: { platformCustomerId: '310' },
    consentAt: new Date(),
  });
  await withApp(engine.db, async (app) => {
    const url = `https://referrals.example.com/r/${advocate.code}?shop=${shop}`;
    expect(await (await app.get('/proxy/link', { shop, customerId: '310' })).json()).toEqual({
      code: advocate.code,
      url,
      headline: 'Give 15%, get $10',
      text: "Here's 15% off your first order. (I get $10.00 in store credit if you order.)",
      message: `Here's 15% off your first order: ${url} (I get $10.00 in store credit if you order.)`,
    });
    const notJoined = await app.get('/proxy/link', { shop, customerId: '311' });
    expect(notJoined.status).toBe(404);
    expect(await notJoined.json()).toMatchObject({ join: { headline: 'Give 15%, get $10' } });
  });
  // No programme running: nothing to join.
  const idle = await buildMerchant(engine.db);
  await withApp(engine.db, async (app) => {
    const res = await app.get('/proxy/link', { shop: idle.shopDomain!, customerId: '311' });
    expect(res.status).toBe(404);
    expect(await res.json()).not.toHaveProperty('join');
  });
});

test('the dashboard masks friends without a name and shows when a held reward is confirmed', async ({
  engine,
}) => {
  const { merchant, programId, shop } = await shopWithProgram(engine.db);
  const advocate = await enrollAdvocate(engine.db, {
    merchantId: merchant.id,
    programId,
    customer: { platformCustomerId: '900', email: 'ada@example.com', firstName: 'Ada' },
    consentAt: new Date(),
  });
  const order = orderFacts({ referralCode: advocate.code!, customer: { email: 'Bob.Smith@example.org' } });
  expect(await deliver(engine, merchant.id, { type: 'OrderPaid', ...order })).toEqual({
    status: 'processed',
  });
  const [held] = await rowsOf(engine.db, 'rewards', merchant.id, { recipient: 'advocate' });
  expect(held?.status).toBe('held');

  await withApp(engine.db, async (app) => {
    const page = await (await app.get('/proxy', { shop, customerId: '900' })).text();
    expect(page).toContain('Ada, your referrals');
    expect(page).toContain('<td>b***@example.org</td><td>Approved</td>');
    expect(page).not.toMatch(/bob\.?smith/i);
    expect(page).toContain(`$10.00 store credit: confirmed on ${formatDate(held!.holdUntil)}`);
    expect(page).toContain('Total earned: $0.00. Pending: $10.00.');

    // Fifteen days on, the worker releases and issues it: the reward moves to "Earned".
    const later = { ...engine, now: () => new Date(Date.now() + 15 * 86_400_000) };
    expect(await releaseReward(later, { merchantId: merchant.id, rewardId: held!.id })).toBe('released');
    const released = await (await app.get('/proxy', { shop, customerId: '900' })).text();
    expect(released).toContain('$10.00 store credit: confirmed, on its way to you');
    const issuer = new RecordingRewardIssuer();
    expect(await issueReward(later, issuer, { merchantId: merchant.id, rewardId: held!.id })).toBe('issued');
    const [issued] = await allRowsOf(engine.db, 'rewards', { id: held!.id });
    const after = await (await app.get('/proxy', { shop, customerId: '900' })).text();
    expect(after).toContain(
      `<h3>Earned</h3><ul><li>$10.00 store credit: received ${formatDate(issued!.issuedAt!)}</li>`,
    );
    expect(after).toContain('Total earned: $10.00. Pending: $0.00.');
    expect(after).not.toContain('<h3>Pending</h3>');
  });
});

test("merchant A's customer never sees merchant B's advocate with the same customer id", async ({
  engine,
}) => {
  const a = await shopWithProgram(engine.db);
  const b = await shopWithProgram(engine.db);
  const enrol = (m: typeof a) =>
    enrollAdvocate(engine.db, {
      merchantId: m.merchant.id,
      programId: m.programId,
      customer: { platformCustomerId: '777', firstName: m === a ? 'Anna' : 'Bert' },
      consentAt: new Date(),
    });
  const inB = await enrol(b);
  await withApp(engine.db, async (app) => {
    // A has no advocate 777 yet: the enrolment form, not B's dashboard.
    const pageA = await (await app.get('/proxy', { shop: a.shop, customerId: '777' })).text();
    expect(pageA).toContain('Join our referral programme');
    expect(pageA).not.toContain(inB.code!);
    expect((await app.get('/proxy/link', { shop: a.shop, customerId: '777' })).status).toBe(404);

    const inA = await enrol(a);
    const link = (await (await app.get('/proxy/link', { shop: a.shop, customerId: '777' })).json()) as {
      code: string;
    };
    expect(link.code).toBe(inA.code);
    const dashboardA = await (await app.get('/proxy', { shop: a.shop, customerId: '777' })).text();
    expect(dashboardA).toContain('Anna, your referrals');
    expect(dashboardA).not.toContain(inB.code!);
    expect(dashboardA).not.toContain('Bert');
    // B's code is not a valid invitation on A's storefront.
    expect((await app.get(`/proxy/invite/${inB.code}`, { shop: a.shop })).status).toBe(404);
  });
});

test("the friend's landing page names the advocate by first name and states the friend reward, never the email", async ({
  engine,
}) => {
  const { merchant, programId, shop } = await shopWithProgram(engine.db);
  const advocate = await enrollAdvocate(engine.db, {
    merchantId: merchant.id,
    programId,
    customer: { platformCustomerId: '501', email: 'grace.hopper@example.com', firstName: 'Grace' },
    consentAt: new Date(),
  });
  const nameless = await buildAdvocate(engine.db, merchant.id, programId, 'no.name@example.com');
  await withApp(engine.db, async (app) => {
    const res = await app.get(`/proxy/invite/${advocate.code!.toLowerCase()}`, { shop });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/liquid');
    const page = await res.text();
    expect(page).toContain('<h1>Grace gave you 15% off your first order</h1>');
    // Opened without the link's signature: the button applies the advocate's code instead.
    expect(page).toContain(`href="/discount/${advocate.code}?redirect=%2F%3Fref%3D${advocate.code}"`);
    expect(page).not.toMatch(/grace\.hopper|@example\.com/i);

    const anonymous = await (await app.get(`/proxy/invite/${nameless.code}`, { shop })).text();
    expect(anonymous).toContain('<h1>A friend gave you 15% off your first order</h1>');
    expect(anonymous).not.toMatch(/no\.name/);

    for (const bad of ['NOSUCHCODE', 'x', '%3Cscript%3E']) {
      const invalid = await app.get(`/proxy/invite/${bad}`, { shop });
      expect(invalid.status).toBe(404);
      const text = await invalid.text();
      expect(text).toContain('This invitation isn&#39;t active');
      expect(text).toContain('href="/"');
      expect(text).not.toMatch(/<script>/i);
    }
  });
});

test('names are escaped as HTML and as Liquid', async ({ engine }) => {
  const { merchant, programId, shop } = await shopWithProgram(engine.db);
  const scripted = await enrollAdvocate(engine.db, {
    merchantId: merchant.id,
    programId,
    customer: { platformCustomerId: '600', firstName: '<script>alert(1)</script>' },
    consentAt: new Date(),
  });
  const liquid = await enrollAdvocate(engine.db, {
    merchantId: merchant.id,
    programId,
    customer: { platformCustomerId: '601', firstName: '{{ customer.email }}' },
    consentAt: new Date(),
  });
  await withApp(engine.db, async (app) => {
    const invite = await (await app.get(`/proxy/invite/${scripted.code}`, { shop })).text();
    expect(invite).toContain('&lt;script&gt;alert(1)&lt;/script&gt; gave you');
    expect(invite).not.toContain('<script>');
    const dashboard = await (await app.get('/proxy', { shop, customerId: '600' })).text();
    expect(dashboard).toContain('&lt;script&gt;alert(1)&lt;/script&gt;, your referrals');
    // The one script is the page's own (Copy and the share sheet), never the name.
    expect(dashboard).not.toContain('<script>alert');
    expect(dashboard.match(/<script/g)).toHaveLength(1);
    const liquidInvite = await (await app.get(`/proxy/invite/${liquid.code}`, { shop })).text();
    expect(liquidInvite).toContain('&#123;&#123; customer.email &#125;&#125; gave you');
    expect(liquidInvite).not.toContain('{{');
  });
});
