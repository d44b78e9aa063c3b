// GET /r/:code over real HTTP (fetch, redirects not followed) on real PostgreSQL: redirects to the
// offer page, cookies, the code's signature (rs), click rows, the inactive-link page, open-redirect
// attempts, rate limiting and the lookup cache.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ClickWriter, type Database, openDatabase } from '@referrals/core';
import {
  allRowsOf,
  buildAdvocate,
  buildMerchant,
  buildProgram,
  disableCode,
  markMerchantUninstalled,
  rowsOf,
} from '@referrals/core/testing';
import { dbTest as test } from '@referrals/core/testing/fixtures';
import express from 'express';
import { pino } from 'pino';
import { expect } from 'vitest';
import { signCode } from '../../extensions/friend-offer-discount/src/index.js';
import {
  deriveSignatureKey,
  signReferralCode,
  verifyReferralSignature,
} from '../discounts/referral-signature.js';
import { type ReferralLinkDeps, referralLinkRouter } from './route.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UA = 'Mozilla/5.0 (referral link test)';

async function seed(db: Database) {
  const merchant = await buildMerchant(db);
  const { programId } = await buildProgram(db, merchant.id);
  const advocate = await buildAdvocate(db, merchant.id, programId);
  return { merchant, shop: merchant.shopDomain!, advocate };
}

/** The router on its own express app, on an ephemeral loopback port. */
async function serve(
  db: Database,
  options: Partial<ReferralLinkDeps> & { trustProxy?: boolean | string } = {},
) {
  const clickWriter = new ClickWriter(db, { ipHashSalt: 'test-salt', flushIntervalMs: 60_000 });
  const app = express();
  app.set('trust proxy', options.trustProxy ?? false);
  app.use(referralLinkRouter({ db, clickWriter, logger: pino({ level: 'silent' }), ...options }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    clickWriter,
    get: (path: string, headers: Record<string, string> = {}) =>
      fetch(`${base}${path}`, { redirect: 'manual', headers: { 'user-agent': UA, ...headers } }),
    async close() {
      await clickWriter.close();
      await new Promise((r) => server.close(r));
    },
  };
}

const clicksOf = (db: Database, merchantId: string) => rowsOf(db, 'clicks', merchantId);

test("a valid link redirects to the offer page on the shop's storefront with ref and rv, sets the visitor cookie and records the click", async ({
  engine,
}) => {
  const { merchant, shop, advocate } = await seed(engine.db);
  const app = await serve(engine.db);
  try {
    const first = await app.get(`/r/${advocate.code}?shop=${shop}`);
    expect(first.status).toBe(302);
    const location = new URL(first.headers.get('location')!);
    expect(location.origin).toBe(`https://${shop}`);
    // The friend lands on the offer: the app proxy's invite page inside the shop's theme.
    expect(location.pathname).toBe(`/apps/referrals/invite/${advocate.code}`);
    expect(location.searchParams.get('ref')).toBe(advocate.code);
    const visitorId = location.searchParams.get('rv')!;
    expect(visitorId).toMatch(UUID);
    expect(first.headers.get('set-cookie')).toBe(
      `_rv=${visitorId}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax`,
    );
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');

    // A returning visitor keeps its id; the code is case-insensitive and the handle alone names the shop.
    const handle = shop.replace('.myshopify.com', '');
    const again = await app.get(`/r/${advocate.code.toLowerCase()}?shop=${handle.toUpperCase()}`, {
      cookie: `theme=dark; _rv=${visitorId}; other=1`,
    });
    expect(again.status).toBe(302);
    const againAt = new URL(again.headers.get('location')!);
    expect(againAt.searchParams.get('ref')).toBe(advocate.code);
    expect(againAt.searchParams.get('rv')).toBe(visitorId);

    // A cookie that is not one of our ids is replaced, never echoed.
    const forged = await app.get(`/r/${advocate.code}?shop=${shop}`, { cookie: '_rv=<script>x</script>' });
    const forgedId = new URL(forged.headers.get('location')!).searchParams.get('rv')!;
    expect(forgedId).toMatch(UUID);
    expect(forgedId).not.toBe(visitorId);

    // A HEAD (link checker, prefetch) gets the redirect but is not a click.
    const head = await fetch(first.url, { method: 'HEAD', redirect: 'manual' });
    expect(head.status).toBe(302);

    await app.clickWriter.flush();
    const rows = await clicksOf(engine.db, merchant.id);
    expect(rows).toHaveLength(3);
    const codeId = (await allRowsOf(engine.db, 'referral_codes', { code: advocate.code }))[0]!.id;
    for (const row of rows) {
      expect(row).toMatchObject({ advocateId: advocate.advocateId, codeId, userAgent: UA });
      expect(row.ipHash).toMatch(/^[\w-]{32}$/);
    }
    expect(rows.map((r) => r.visitorId).sort()).toEqual([visitorId, visitorId, forgedId].sort());
    expect(rows.map((r) => r.landingUrl)).toContain(location.href);
  } finally {
    await app.close();
  }
});

test("with the server secret the redirect also carries rs, the code's signature the automatic discount checks", async ({
  engine,
}) => {
  const { merchant, shop, advocate } = await seed(engine.db);
  const other = await seed(engine.db);
  const secret = randomBytes(32);
  const signed = await serve(engine.db, { signatureSecret: secret });
  const unsigned = await serve(engine.db);
  try {
    const res = await signed.get(`/r/${advocate.code.toLowerCase()}?shop=${shop}`);
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('ref')).toBe(advocate.code);
    const rs = location.searchParams.get('rs')!;
    expect(rs).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // What the theme embed copies into _referral_sig is what the friend-offer function accepts
    // with the merchant's key, and only for this code and this shop.
    const key = deriveSignatureKey(secret, merchant.id);
    expect(signCode(key, advocate.code)).toBe(rs);
    expect(verifyReferralSignature(key, advocate.code, rs)).toBe(true);
    expect(verifyReferralSignature(key, `${advocate.code}X`, rs)).toBe(false);
    expect(verifyReferralSignature(deriveSignatureKey(secret, other.merchant.id), advocate.code, rs)).toBe(
      false,
    );
    const otherShop = new URL(
      (await signed.get(`/r/${other.advocate.code}?shop=${other.shop}`)).headers.get('location')!,
    );
    expect(otherShop.searchParams.get('rs')).toBe(
      signReferralCode(deriveSignatureKey(secret, other.merchant.id), other.advocate.code),
    );

    // Without a secret (no Shopify side configured) nothing is signed; an unknown code gets no redirect at all.
    const plain = new URL((await unsigned.get(`/r/${advocate.code}?shop=${shop}`)).headers.get('location')!);
    expect(plain.searchParams.has('rs')).toBe(false);
    const unknown = await signed.get(`/r/NOSUCHCODE?shop=${shop}`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('location')).toBeNull();
  } finally {
    await signed.close();
    await unsigned.close();
  }
});

test("a disabled or unknown code gets one 'not active' page with the shop's standing offer and no click; an unknown shop gets the 404 page", async ({
  engine,
}) => {
  const { merchant, shop, advocate } = await seed(engine.db);
  const bare = await buildMerchant(engine.db);
  await disableCode(engine.db, {
    merchantId: merchant.id,
    advocateId: advocate.advocateId,
    code: advocate.code,
    actor: 'test',
  });
  const uninstalled = await buildMerchant(engine.db, { status: 'uninstalled' });
  const app = await serve(engine.db);
  try {
    // A disabled code and one that never existed read the same, byte for byte: nothing tells them apart.
    const bodies: string[] = [];
    for (const code of [advocate.code, 'NOSUCHCODE']) {
      const res = await app.get(`/r/${code}?shop=${shop}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('location')).toBeNull();
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('content-security-policy')).toBe(
        "default-src 'none'; style-src 'unsafe-inline'",
      );
      bodies.push(await res.text());
    }
    expect(bodies[1]).toBe(bodies[0]);
    const page = bodies[0]!;
    expect(page).toContain("<h1>This link isn't active</h1>");
    // buildProgram's friend reward and minimum, in the shop's currency.
    expect(page).toContain('you get 15% off your first order');
    expect(page).toContain(`<a class="button" href="https://${shop}/">Go to the shop</a>`);
    expect(page).not.toContain(advocate.code);
    // A shop with no programme running states no offer, and still shows the way to the shop.
    const noProgram = await app.get(`/r/NOSUCHCODE?shop=${bare.shopDomain}`);
    expect(noProgram.status).toBe(404);
    const noProgramPage = await noProgram.text();
    expect(noProgramPage).toContain("This link isn't active");
    expect(noProgramPage).not.toContain('you get');
    expect(noProgramPage).toContain(`href="https://${bare.shopDomain}/"`);
    for (const path of [
      `/r/${advocate.code}?shop=stranger.myshopify.com`,
      `/r/${advocate.code}?shop=${uninstalled.shopDomain}`,
      `/r/${advocate.code}`,
      `/r/${advocate.code}?shop=evil.com`,
      `/r/${advocate.code}?shop=${shop}&shop=${shop}`,
      `/r/ab?shop=${shop}`,
      `/r/${'A'.repeat(33)}?shop=${shop}`,
      `/r/bad%20code?shop=${shop}`,
    ]) {
      const res = await app.get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-security-policy')).toBe(
        "default-src 'none'; style-src 'unsafe-inline'",
      );
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html).toContain("This referral link isn't valid");
      expect(html).not.toMatch(/Error|\bat \w|node_modules/);
    }
    await app.clickWriter.flush();
    expect(await clicksOf(engine.db, merchant.id)).toHaveLength(0);
  } finally {
    await app.close();
  }
});

test('open-redirect attempts never leave the shop; a same-origin path is carried to the offer page', async ({
  engine,
}) => {
  const { shop, advocate } = await seed(engine.db);
  const app = await serve(engine.db);
  try {
    const link = `/r/${advocate.code}?shop=${shop}`;
    for (const attack of [
      '&to=//evil.com',
      '&to=https://evil.com',
      '&to=/\\evil.com',
      '&to=%2F%5Cevil.com',
      '&to=/%09/evil.com',
      '&to=javascript:alert(1)',
      '&to=evil.com',
      '&redirect=https://evil.com',
      '&next=//evil.com',
      '&url=https://evil.com',
    ]) {
      const res = await app.get(`${link}${attack}`);
      expect(res.status, attack).toBe(302);
      const location = new URL(res.headers.get('location')!);
      expect(location.host, attack).toBe(shop);
      expect(location.pathname, attack).toBe(`/apps/referrals/invite/${advocate.code}`);
      expect(location.searchParams.has('to'), attack).toBe(false);
    }
    // The offer page's button goes on to the path (checked again there: friend-landing.int.test.ts).
    const product = await app.get(`${link}&to=${encodeURIComponent('/products/red-shoe?variant=7')}`);
    const location = new URL(product.headers.get('location')!);
    expect(location.host).toBe(shop);
    expect(location.pathname).toBe(`/apps/referrals/invite/${advocate.code}`);
    expect(location.searchParams.get('to')).toBe('/products/red-shoe?variant=7');
    expect(location.searchParams.get('ref')).toBe(advocate.code);
  } finally {
    await app.close();
  }
});

test('one client gets 429 after its burst while another passes; tokens come back with time', async ({
  engine,
}) => {
  const { shop, advocate } = await seed(engine.db);
  let clock = 1_000_000;
  // Behind a proxy: req.ip, the bucket's key, comes from X-Forwarded-For.
  const app = await serve(engine.db, {
    trustProxy: 'loopback',
    rateLimit: { perSecond: 1, burst: 3 },
    now: () => clock,
  });
  const link = `/r/${advocate.code}?shop=${shop}`;
  const from = (ip: string) => app.get(link, { 'x-forwarded-for': ip });
  try {
    for (let i = 0; i < 3; i++) expect((await from('203.0.113.9')).status).toBe(302);
    const limited = await from('203.0.113.9');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.text()).toContain('Too many requests');
    expect((await from('198.51.100.4')).status).toBe(302);
    clock += 1_000;
    expect((await from('203.0.113.9')).status).toBe(302);
    expect((await from('203.0.113.9')).status).toBe(429);
  } finally {
    await app.close();
  }
});

test('behind a TLS-terminating proxy the visitor cookie is Secure', async ({ engine }) => {
  const { shop, advocate } = await seed(engine.db);
  const app = await serve(engine.db, { trustProxy: 'loopback' });
  try {
    const res = await app.get(`/r/${advocate.code}?shop=${shop}`, { 'x-forwarded-proto': 'https' });
    expect(res.status).toBe(302);
    expect(res.headers.get('set-cookie')).toMatch(/; HttpOnly; SameSite=Lax; Secure$/);
  } finally {
    await app.close();
  }
});

test('within the TTL a hit is served from the cache without a query; past it the database decides again', async ({
  engine,
}) => {
  const { merchant, shop, advocate } = await seed(engine.db);
  let clock = 5_000_000;
  const app = await serve(engine.db, { cacheTtlMs: 30_000, now: () => clock });
  /** The code the redirect carries, or null for the inactive-link page. */
  const ref = async () => {
    const res = await app.get(`/r/${advocate.code}?shop=${shop}`);
    if (res.status === 404 && (await res.text()).includes("This link isn't active")) return null;
    expect(res.status).toBe(302);
    return new URL(res.headers.get('location')!).searchParams.get('ref');
  };
  try {
    expect(await ref()).toBe(advocate.code);
    await disableCode(engine.db, {
      merchantId: merchant.id,
      advocateId: advocate.advocateId,
      code: advocate.code,
      actor: 'test',
    });
    // The row changed, yet the cached code still answers: no query was made.
    clock += 29_999;
    expect(await ref()).toBe(advocate.code);
    clock += 2;
    expect(await ref()).toBeNull();

    // The merchant lookup is cached the same way.
    await markMerchantUninstalled(engine.db, merchant.id);
    clock += 29_999;
    expect(await ref()).toBeNull();
    clock += 1;
    expect((await app.get(`/r/${advocate.code}?shop=${shop}`)).status).toBe(404);
  } finally {
    await app.close();
  }
});

test('during shutdown, with the click writer closed, the friend still reaches the shop', async ({
  engine,
}) => {
  const { shop, advocate } = await seed(engine.db);
  const app = await serve(engine.db);
  try {
    await app.clickWriter.close();
    const res = await app.get(`/r/${advocate.code}?shop=${shop}`);
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get('location')!).searchParams.get('ref')).toBe(advocate.code);
  } finally {
    await app.close();
  }
});

test('an unreachable database gives the friend a 503 page, not a stack', async () => {
  const down = await openDatabase({ url: 'postgres://postgres@127.0.0.1:1/none', poolSize: 1 });
  const app = await serve(down.db);
  try {
    const res = await app.get('/r/ABCDEF?shop=acme');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('30');
    const html = await res.text();
    expect(html).toContain("This link can't be opened right now");
    expect(html).not.toMatch(/ECONNREFUSED|Error|\bat \w/);
  } finally {
    await app.close();
    await down.close();
  }
});
