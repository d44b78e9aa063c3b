// The embedded admin's auth: session tokens, token-exchange install, shop isolation, CSP, and
// expiring offline tokens refreshed once across concurrent callers.
import type { AddressInfo } from 'node:net';
import { findMerchantByShopDomain, loadConnection, saveConnection, verifyOAuthState } from '@referrals/core';
import { allRowsOf, buildAdvocate, buildProgram, orderFacts, rowsOf } from '@referrals/core/testing';
import { dbTest } from '@referrals/core/testing/fixtures';
import { describe, expect } from 'vitest';
import { createShopifyApp } from '../server.js';
import { type PlatformFixture, startPlatformFixture, testLogger } from '../testing/platform.js';

type Fixture = { fx: PlatformFixture; baseUrl: string };

const test = dbTest.extend<Fixture>({
  fx: async ({ database }, use) => {
    const fx = await startPlatformFixture(database.db, { refreshMarginMs: 5 * 60_000 });
    await use(fx);
    await fx.close();
  },
  baseUrl: async ({ database, fx }, use) => {
    const app = createShopifyApp({
      hubspotAppUrl: 'https://hubspot-app.example.com/',
      db: database.db,
      logger: testLogger,
      apiSecret: fx.emulator.apiSecret,
      platform: fx.platform,
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    await new Promise((r) => server.close(r));
  },
});

const api = (baseUrl: string, path: string, token?: string) =>
  fetch(`${baseUrl}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

describe('embedded admin auth', () => {
  test('no, forged or expired session tokens get 401 with the retry header and write nothing', async ({
    fx,
    baseUrl,
    database,
  }) => {
    const shop = 'auth-a.myshopify.com';
    fx.emulator.installApp(shop);
    for (const token of [
      undefined,
      'not-a-jwt',
      fx.emulator.sessionToken(shop, { secret: 'someone-elses-secret' }),
      fx.emulator.sessionToken(shop, { apiKey: 'another-app' }),
      fx.emulator.sessionToken(shop, { expiresInSeconds: -120 }),
    ]) {
      const res = await api(baseUrl, '/api/shop', token);
      expect(res.status).toBe(401);
      expect(res.headers.get('x-shopify-retry-invalid-session-request')).toBe('1');
    }
    expect(await allRowsOf(database.db, 'merchants')).toHaveLength(0);
    expect(fx.emulator.tokenRequests).toHaveLength(0);
  });

  test('the first request installs the shop by token exchange; later ones reuse the stored token', async ({
    fx,
    baseUrl,
    database,
  }) => {
    const shop = 'auth-b.myshopify.com';
    fx.emulator.installApp(shop);
    for (let i = 0; i < 3; i++) {
      const res = await api(baseUrl, '/api/shop', fx.emulator.sessionToken(shop));
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        shopDomain: shop,
        status: 'active',
        connection: { status: 'active' },
      });
    }
    expect(fx.emulator.tokenRequests.map((r) => r.grantType)).toEqual([
      'urn:ietf:params:oauth:grant-type:token-exchange',
    ]);
    const merchant = await findMerchantByShopDomain(database.db, shop);
    const connection = await loadConnection(database.db, fx.encryptionKey, merchant?.id ?? '', 'shopify');
    expect(connection?.refreshToken).toBeTruthy();
    expect(connection?.accessTokenExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
  });

  test("a shop's token only ever reads that shop's referrals", async ({ fx, baseUrl, database }) => {
    const a = await fx.installShop();
    const b = await fx.installShop();
    for (const merchantId of [a.merchantId, b.merchantId]) {
      const { programId } = await buildProgram(database.db, merchantId, { holdDays: 0 });
      await buildAdvocate(database.db, merchantId, programId);
    }
    // One referred order for B only.
    const { ingestInboundEvent, processInboundEvent } = await import('@referrals/core');
    const [advocateB] = await rowsOf(database.db, 'referral_codes', b.merchantId);
    const stored = await ingestInboundEvent(database.db, {
      merchantId: b.merchantId,
      platform: 'internal',
      externalId: 'b-order',
      topic: 'OrderPaid',
      payload: JSON.parse(
        JSON.stringify({ type: 'OrderPaid', ...orderFacts({ referralCode: advocateB?.code ?? '' }) }),
      ),
    });
    await processInboundEvent(
      { db: database.db, ipHashSalt: 'salt' },
      { merchantId: b.merchantId, inboundEventId: stored.inboundEventId ?? '' },
    );

    const listFor = async (shop: string) =>
      (await (await api(baseUrl, '/api/referrals', fx.emulator.sessionToken(shop))).json()) as {
        referrals: unknown[];
      };
    expect((await listFor(b.shop)).referrals).toHaveLength(1);
    expect((await listFor(a.shop)).referrals).toHaveLength(0);
    // A token for A that asks about B's order learns nothing.
    const [orderB] = await rowsOf(database.db, 'orders', b.merchantId);
    const probe = await api(
      baseUrl,
      `/api/orders/${orderB?.platformOrderId}/attribution`,
      fx.emulator.sessionToken(a.shop),
    );
    expect(probe.status).toBe(404);
    const own = await api(
      baseUrl,
      `/api/orders/${orderB?.platformOrderId}/attribution`,
      fx.emulator.sessionToken(b.shop),
    );
    expect(own.status).toBe(200);
  });

  test('HTML is framed only by the shop and Shopify admin', async ({ baseUrl }) => {
    const res = await fetch(`${baseUrl}/admin?shop=frame-test.myshopify.com&host=abc`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(
      'frame-ancestors https://frame-test.myshopify.com https://admin.shopify.com;',
    );
    const hostile = await fetch(
      `${baseUrl}/admin?shop=${encodeURIComponent('evil.com https://attacker.example')}`,
    );
    expect(hostile.headers.get('content-security-policy')).toBe('frame-ancestors https://admin.shopify.com;');
  });

  test('an expiring token is refreshed once for concurrent callers; a refused refresh asks for reconnect', async ({
    fx,
    database,
  }) => {
    const { merchantId, shop } = await fx.installShop();
    // The stored token has aged: two minutes left, inside the five-minute refresh margin.
    const age = async (expiresAt: Date) => {
      const current = await loadConnection(database.db, fx.encryptionKey, merchantId, 'shopify');
      if (!current) throw new Error('no connection');
      await saveConnection(database.db, fx.encryptionKey, { ...current, accessTokenExpiresAt: expiresAt });
    };
    await age(new Date(Date.now() + 2 * 60_000));
    const sessions = await Promise.all(
      Array.from({ length: 5 }, () => fx.platform.sessions.session(merchantId)),
    );
    const refreshes = fx.emulator.tokenRequests.filter((r) => r.grantType === 'refresh_token');
    expect(refreshes).toHaveLength(1);
    expect(new Set(sessions.map((s) => s.accessToken)).size).toBe(1);
    const refreshed = await loadConnection(database.db, fx.encryptionKey, merchantId, 'shopify');
    expect(refreshed?.accessTokenExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);

    await age(new Date(Date.now() - 1000));
    fx.emulator.revokeApp(shop);
    await expect(fx.platform.sessions.session(merchantId)).rejects.toThrow(/reconnect needed/);
    const connection = await loadConnection(database.db, fx.encryptionKey, merchantId, 'shopify');
    expect(connection?.status).toBe('reconnect_needed');
  });

  test('"Connect HubSpot" hands out a link whose signed state names this shop only', async ({
    fx,
    baseUrl,
  }) => {
    const a = await fx.installShop();
    const res = await fetch(`${baseUrl}/api/integrations/hubspot/connect`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fx.emulator.sessionToken(a.shop)}` },
    });
    expect(res.status).toBe(200);
    const { url } = (await res.json()) as { url: string };
    const link = new URL(url);
    expect(`${link.origin}${link.pathname}`).toBe('https://hubspot-app.example.com/hubspot/connect');
    expect(verifyOAuthState(fx.encryptionKey, link.searchParams.get('state') ?? '')).toBe(a.merchantId);
    const status = await (
      await api(baseUrl, '/api/integrations/hubspot', fx.emulator.sessionToken(a.shop))
    ).json();
    expect(status).toEqual({ available: true, connected: false, portalId: null, status: null });
    expect((await fetch(`${baseUrl}/api/integrations/hubspot/connect`, { method: 'POST' })).status).toBe(401);
  });
});
