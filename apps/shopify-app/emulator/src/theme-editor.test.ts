import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ShopifyEmulator, startShopifyEmulator } from './server.js';
import { readThemeJson, type ShopState } from './store.js';
import { isLocalReturnUrl, THEME_EDITOR_PATH } from './theme-editor.js';

const SHOP = 'editor.myshopify.com';
const RETURN_TO = 'http://localhost:3000/admin?shop=editor.myshopify.com';
let emulator: ShopifyEmulator;
let shop: ShopState;

beforeAll(async () => {
  emulator = await startShopifyEmulator();
  shop = emulator.installApp(SHOP);
});
afterAll(() => emulator.close());

const editorUrl = (params: Record<string, string>) =>
  `${emulator.url}${emulator.themeEditorPath}?${new URLSearchParams({ shop: SHOP, ...params })}`;
const embedUrl = (returnTo = RETURN_TO) =>
  editorUrl({ activateAppId: `${emulator.apiKey}/referral-embed`, context: 'apps', return_to: returnTo });

async function post(url: string, form: Record<string, string>) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
    redirect: 'manual',
  });
}

function embedBlocks(): { type: string; disabled?: boolean }[] {
  const settings = readThemeJson(shop.mainTheme().files.get('config/settings_data.json'));
  const current = (settings?.current ?? {}) as { blocks?: object };
  return Object.values(current.blocks ?? {});
}

describe('sandbox theme editor', () => {
  test('renders the published theme, the embed switched off and the share block to add', async () => {
    const res = await fetch(embedUrl());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('Sandbox theme editor — Dawn (your published theme)');
    expect(html).toContain('Referral tracking');
    expect(html).toContain('role="switch" aria-checked="false"');
    expect(html).toContain('Referral share');
    expect(html).toContain('Add to home page');
    expect(html).toContain(`<a href="${RETURN_TO}">Back to the admin</a>`);
    // No external assets: no scripts, stylesheets or images from anywhere.
    expect(html).not.toMatch(/<script|<link|<img|https?:\/\/(?!localhost)/);
  });

  test('the switch turns the embed on (and off), then redirects back to the page', async () => {
    const url = embedUrl();
    const on = await post(url, { embed: 'on' });
    expect(on.status).toBe(303);
    const location = on.headers.get('location') ?? '';
    expect(location.startsWith(`${THEME_EDITOR_PATH}?`)).toBe(true);
    expect(new URL(location, emulator.url).searchParams.get('return_to')).toBe(RETURN_TO);
    expect(embedBlocks()).toEqual([
      { type: expect.stringMatching(/\/blocks\/referral-embed\//), disabled: false, settings: {} },
    ]);
    const page = await (await fetch(new URL(location, emulator.url))).text();
    expect(page).toContain('role="switch" aria-checked="true"');

    await post(url, { embed: 'off' });
    expect(embedBlocks()).toEqual([expect.objectContaining({ disabled: true })]);
    await post(url, { embed: 'on' });
    expect(embedBlocks()).toEqual([expect.objectContaining({ disabled: false })]);
  });

  test('"Add to home page" places the share block in templates/index.json, once', async () => {
    const url = editorUrl({
      template: 'index',
      addAppBlockId: `${emulator.apiKey}/share`,
      target: 'newAppsSection',
      return_to: RETURN_TO,
    });
    const res = await post(url, { block: 'add' });
    expect(res.status).toBe(303);
    await post(url, { block: 'add' });
    const index = readThemeJson(shop.mainTheme().files.get('templates/index.json')) as {
      sections: Record<string, { type: string; blocks?: Record<string, { type: string }> }>;
      order: string[];
    };
    const shares = Object.values(index.sections).flatMap((s) =>
      Object.values(s.blocks ?? {}).filter((b) => /\/blocks\/share\//.test(b.type)),
    );
    expect(shares).toHaveLength(1);
    expect(index.order[0]).toBe('image_banner');
    const html = await (await fetch(url)).text();
    expect(html).toContain('On the home page');
    expect(html).not.toContain('Add to home page');
  });

  test('refuses a return URL off this machine, and unknown shops or apps', async () => {
    for (const returnTo of [
      'https://evil.example.com/admin',
      'http://evil.example.com/',
      'https://localhost:3000/admin',
      'http://localhost.evil.example.com/',
      'http://user@localhost:3000/',
      'javascript:alert(1)',
      '//evil.example.com',
    ]) {
      const res = await fetch(embedUrl(returnTo));
      expect(res.status, returnTo).toBe(400);
      expect(await res.text()).not.toContain('Back to the admin');
      expect((await post(embedUrl(returnTo), { embed: 'off' })).status, returnTo).toBe(400);
    }
    // The refused POSTs changed nothing.
    expect(embedBlocks()).toEqual([expect.objectContaining({ disabled: false })]);
    expect(isLocalReturnUrl('http://127.0.0.1:5173/admin')).toBe(true);
    expect(isLocalReturnUrl('http://localhost/')).toBe(true);

    const unknownShop = await fetch(
      `${emulator.url}${THEME_EDITOR_PATH}?shop=nope.myshopify.com&activateAppId=${emulator.apiKey}/referral-embed`,
    );
    expect(unknownShop.status).toBe(404);
    const otherApp = await fetch(editorUrl({ activateAppId: 'someone-else/referral-embed' }));
    expect(otherApp.status).toBe(404);
  });
});
