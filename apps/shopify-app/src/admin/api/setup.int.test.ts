// GET /api/setup on real PostgreSQL and the emulator: each step checks itself, a theme that
// cannot be read answers "unknown" (never "to do"), and a shop only ever sees its own state.
import { ClickWriter, saveConnection } from '@referrals/core';
import { buildAdvocate, buildProgram, rowsOf } from '@referrals/core/testing';
import { describe, expect } from 'vitest';
import { adminApiTest } from '../../testing/admin-api.js';
import type { PlatformFixture } from '../../testing/platform.js';
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
    const sent = fx.emulator.requests.filter((r) => r.shop === shop);
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
});
