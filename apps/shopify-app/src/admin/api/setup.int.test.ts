// GET /api/setup on real PostgreSQL and the emulator: each step checks itself, a theme that
// cannot be read answers "unknown" (never "to do"), and a shop only ever sees its own state.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ClickWriter, type Database, saveConnection } from '@referrals/core';
import { buildAdvocate, buildProgram, rowsOf } from '@referrals/core/testing';
import { describe, expect } from 'vitest';
import { composeShopify, SANDBOX_SHOP, type ShopifySide } from '../../compose.js';
import { shopifyEnvSchema } from '../../env.js';
import { createShopifyApp } from '../../server.js';
import { adminApiTest } from '../../testing/admin-api.js';
import { type PlatformFixture, testLogger } from '../../testing/platform.js';
import { type SetupResponse, setupResponseSchema } from '../contract/setup.js';

const test = adminApiTest;

async function getSetup(baseUrl: string, token?: string) {
  return fetch(`${baseUrl}/api/setup`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
}

async function setupOf(fx: PlatformFixture, baseUrl: string, shop: string): Promise<SetupResponse> {
  const res = await getSetup(baseUrl, fx.emulator.sessionToken(shop));
  expect(res.status).toBe(200);
  return setupResponseSchema.parse(await res.json());
}

/** The whole app on a loopback port, on a Shopify side built by composeShopify from env. */
async function withComposedApp(
  db: Database,
  env: Record<string, string>,
  run: (shopify: ShopifySide, baseUrl: string) => Promise<void>,
): Promise<void> {
  const shopify = await composeShopify(shopifyEnvSchema.parse(env), {
    db,
    logger: testLogger,
    encryptionKey: randomBytes(32),
    emulatorPort: 0,
  });
  const server = createShopifyApp({
    db,
    logger: testLogger,
    apiSecret: shopify.apiSecret,
    platform: shopify.platform,
  }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  try {
    await run(shopify, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    await new Promise((r) => server.close(r));
    await shopify.close();
  }
}

const states = (setup: SetupResponse) =>
  Object.fromEntries(Object.entries(setup.steps).map(([id, step]) => [id, step.state]));

describe('GET /api/setup', () => {
  test('401 without a session token', async ({ baseUrl }) => {
    const res = await getSetup(baseUrl);
    expect(res.status).toBe(401);
  });

  test('a fresh install: everything to do, the theme read, deep links to the theme editor', async ({
    fx,
    baseUrl,
  }) => {
    const { shop } = await fx.installShop();
    const installCalls = fx.emulator.requests.length; // the install set up the web pixel
    const setup = await setupOf(fx, baseUrl, shop);
    expect(states(setup)).toEqual({
      programme: 'todo',
      themeEmbed: 'todo',
      shareBlock: 'todo',
      hubspot: 'todo',
      firstClick: 'todo',
    });
    expect(setup).toMatchObject({ doneCount: 0, totalCount: 5, live: false });
    expect(setup.theme).toMatchObject({
      themeName: 'Dawn',
      embedEnabled: false,
      shareBlockPlaced: false,
      reason: null,
    });
    expect(setup.steps.themeEmbed.url).toBe(
      `https://${shop}/admin/themes/current/editor?context=apps&activateAppId=${fx.emulator.apiKey}/referral-embed`,
    );
    expect(setup.steps.shareBlock.url).toBe(
      `https://${shop}/admin/themes/current/editor?template=index&addAppBlockId=${fx.emulator.apiKey}/share&target=newAppsSection`,
    );
    expect(setup.steps.hubspot).toMatchObject({ required: false, available: true });
    // One document, validated by the emulator against the real schema.
    const sent = fx.emulator.requests.slice(installCalls).filter((r) => r.shop === shop);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.query).toContain('themes(first: 1, roles: [MAIN])');
  });

  test('each step follows the shop: programme, embed off then on, share block, HubSpot, a click -> live', async ({
    fx,
    baseUrl,
    database,
  }) => {
    const { shop, merchantId, state } = await fx.installShop();
    const { programId } = await buildProgram(database.db, merchantId, { holdDays: 0 });
    // The embed toggled once and switched off again: present but disabled is still "to do".
    state.setAppEmbed({ handle: 'referral-embed' }, false);
    let setup = await setupOf(fx, baseUrl, shop);
    expect(states(setup)).toMatchObject({ programme: 'done', themeEmbed: 'todo', shareBlock: 'todo' });
    expect(setup.steps.programme).toMatchObject({ programId, live: true });

    state.setAppEmbed({ handle: 'referral-embed' }, true);
    // A disabled share block does not count; one placed in a section group does.
    state.placeAppBlock({ handle: 'share' }, { file: 'templates/page.json', disabled: true });
    setup = await setupOf(fx, baseUrl, shop);
    expect(states(setup)).toMatchObject({ themeEmbed: 'done', shareBlock: 'todo' });
    state.placeAppBlock({ handle: 'share' }, { file: 'sections/footer-group.json', section: 'footer' });
    await saveConnection(database.db, fx.encryptionKey, {
      merchantId,
      platform: 'hubspot',
      externalAccountId: '4242',
      accessToken: 'hubspot-access',
      refreshToken: 'hubspot-refresh',
      accessTokenExpiresAt: new Date(Date.now() + 3600_000),
    });
    setup = await setupOf(fx, baseUrl, shop);
    expect(setup).toMatchObject({ doneCount: 4, live: false });
    expect(setup.steps.firstClick).toMatchObject({ state: 'todo', clicks: 0 });

    const advocate = await buildAdvocate(database.db, merchantId, programId);
    const [code] = await rowsOf(database.db, 'referral_codes', merchantId);
    const writer = new ClickWriter(database.db, { ipHashSalt: 'salt', flushIntervalMs: 60_000 });
    writer.record({
      merchantId,
      codeId: code?.id ?? '',
      advocateId: advocate.advocateId,
      visitorId: 'visitor-1',
    });
    await writer.close();
    setup = await setupOf(fx, baseUrl, shop);
    expect(setup.steps.firstClick).toMatchObject({ state: 'done', clicks: 1 });
    expect(setup).toMatchObject({ doneCount: 5, live: true });
  });

  test('a shop without a published theme, or with an unreadable settings file, is unknown', async ({
    fx,
    baseUrl,
  }) => {
    const { shop, state } = await fx.installShop();
    state.setThemeFile('config/settings_data.json', '{ not json');
    let setup = await setupOf(fx, baseUrl, shop);
    expect(setup.theme).toMatchObject({ embedEnabled: 'unknown', shareBlockPlaced: false });
    expect(setup.theme.reason).toMatch(/settings/);
    expect(setup.steps.themeEmbed.state).toBe('unknown');

    state.mainTheme().role = 'UNPUBLISHED';
    setup = await setupOf(fx, baseUrl, shop);
    expect(setup.theme).toMatchObject({ embedEnabled: 'unknown', shareBlockPlaced: 'unknown' });
    expect(setup.theme.reason).toMatch(/no published theme/);
    expect(setup.live).toBe(false);
  });

  test("a shop's token sees only its own programme and theme", async ({ fx, baseUrl, database }) => {
    const a = await fx.installShop();
    const b = await fx.installShop();
    await buildProgram(database.db, b.merchantId, { holdDays: 0 });
    b.state.setAppEmbed({ handle: 'referral-embed' }, true);
    const setupA = await setupOf(fx, baseUrl, a.shop);
    expect(states(setupA)).toMatchObject({ programme: 'todo', themeEmbed: 'todo' });
    expect(setupA.steps.themeEmbed.url).toContain(`https://${a.shop}/`);
    const setupB = await setupOf(fx, baseUrl, b.shop);
    expect(states(setupB)).toMatchObject({ programme: 'done', themeEmbed: 'done' });
  });

  test("sandbox mode: the editor links open the emulator's theme editor, which switches the embed on", async ({
    database,
  }) => {
    await withComposedApp(database.db, {}, async (shopify, baseUrl) => {
      const emulator = shopify.sandbox?.emulator;
      if (!emulator) throw new Error('expected the sandbox');
      const res = await getSetup(baseUrl, emulator.sessionToken(SANDBOX_SHOP));
      expect(res.status).toBe(200);
      const setup = setupResponseSchema.parse(await res.json());
      expect(states(setup)).toMatchObject({ programme: 'done', themeEmbed: 'todo', shareBlock: 'todo' });
      expect(setup.theme.editorUrls).toEqual({
        embed: setup.steps.themeEmbed.url,
        shareBlock: setup.steps.shareBlock.url,
      });
      const returnTo = `http://localhost:3000/admin?shop=${SANDBOX_SHOP}`;
      const embed = new URL(setup.steps.themeEmbed.url);
      expect(`${embed.origin}${embed.pathname}`).toBe(`${emulator.url}/sandbox/theme-editor`);
      expect(Object.fromEntries(embed.searchParams)).toEqual({
        shop: SANDBOX_SHOP,
        context: 'apps',
        activateAppId: `${emulator.apiKey}/referral-embed`,
        return_to: returnTo,
      });
      const share = new URL(setup.steps.shareBlock.url);
      expect(`${share.origin}${share.pathname}`).toBe(`${emulator.url}/sandbox/theme-editor`);
      expect(Object.fromEntries(share.searchParams)).toEqual({
        shop: SANDBOX_SHOP,
        template: 'index',
        addAppBlockId: `${emulator.apiKey}/share`,
        target: 'newAppsSection',
        return_to: returnTo,
      });
      expect(setup.steps.themeEmbed.url).not.toContain('myshopify.com/admin');

      // Following the links: the page opens, its forms write the theme, the checklist sees it.
      const page = await fetch(setup.steps.themeEmbed.url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Back to the admin');
      const form = (body: string) => ({
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
        redirect: 'manual' as const,
      });
      expect((await fetch(setup.steps.themeEmbed.url, form('embed=on'))).status).toBe(303);
      expect((await fetch(setup.steps.shareBlock.url, form('block=add'))).status).toBe(303);
      const after = setupResponseSchema.parse(
        await (await getSetup(baseUrl, emulator.sessionToken(SANDBOX_SHOP))).json(),
      );
      expect(states(after)).toMatchObject({ themeEmbed: 'done', shareBlock: 'done' });
    });
  });

  test("with real credentials the editor links stay Shopify's", async ({ fx, database }) => {
    const env = {
      SHOPIFY_API_KEY: fx.emulator.apiKey,
      SHOPIFY_API_SECRET: fx.emulator.apiSecret,
      SHOPIFY_ADMIN_ORIGIN: fx.emulator.url,
    };
    await withComposedApp(database.db, env, async (shopify, baseUrl) => {
      expect(shopify.sandbox).toBeNull();
      const shop = `shop-${randomBytes(4).toString('hex')}.myshopify.com`;
      fx.emulator.installApp(shop);
      await shopify.platform.sessions.install(shop, fx.emulator.sessionToken(shop));
      const setup = await setupOf(fx, baseUrl, shop);
      expect(setup.steps.themeEmbed.url).toBe(
        `https://${shop}/admin/themes/current/editor?context=apps&activateAppId=${fx.emulator.apiKey}/referral-embed`,
      );
      expect(setup.steps.shareBlock.url).toBe(
        `https://${shop}/admin/themes/current/editor?template=index&addAppBlockId=${fx.emulator.apiKey}/share&target=newAppsSection`,
      );
    });
  });
});
