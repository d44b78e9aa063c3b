import { pino } from 'pino';
import { describe, expect, test } from 'vitest';
import type { AdminGraphql } from './admin-graphql.js';
import { embedEnabledIn, parseThemeJson, shareBlockIn, themeSetupReader } from './theme-setup.js';

const EMBED = 'shopify://apps/referrals/blocks/referral-embed/0199a3b2-5c1d-7e8f-9a0b-1c2d3e4f5a6b';
const SHARE = 'shopify://apps/referrals/blocks/share/0199a3b2-5c1d-7e8f-9a0b-1c2d3e4f5a6b';

describe('reading the theme', () => {
  test('the generated-file comment is skipped', () => {
    expect(parseThemeJson('/*\n * IMPORTANT: auto-generated\n */\n{"current": {}}')).toEqual({ current: {} });
  });

  test('the embed counts only when present and not disabled, in current or in the preset it names', () => {
    expect(embedEnabledIn({ current: {} })).toBe(false);
    expect(embedEnabledIn({ current: { blocks: { 1: { type: EMBED, disabled: true } } } })).toBe(false);
    expect(embedEnabledIn({ current: { blocks: { 1: { type: EMBED, disabled: false } } } })).toBe(true);
    expect(embedEnabledIn({ current: { blocks: { 1: { type: SHARE, disabled: false } } } })).toBe(false);
    expect(
      embedEnabledIn({ current: 'Default', presets: { Default: { blocks: { 1: { type: EMBED } } } } }),
    ).toBe(true);
  });

  test('the share block counts in an enabled section, not when it or its section is disabled', () => {
    const template = (block: object, section: object = {}) => ({
      sections: { apps: { type: 'apps', blocks: { b: { type: SHARE, ...block } }, ...section } },
    });
    expect(shareBlockIn(template({}))).toBe(true);
    expect(shareBlockIn(template({ disabled: true }))).toBe(false);
    expect(shareBlockIn(template({}, { disabled: true }))).toBe(false);
    expect(shareBlockIn({ sections: {} })).toBe(false);
  });

  test('an Admin API failure is "unknown" with a reason, never "off"', async () => {
    const graphql = {
      request: async () => {
        throw new Error('Admin GraphQL refused the request: Access denied for themes field.');
      },
    } as unknown as AdminGraphql;
    const reader = themeSetupReader({ graphql, apiKey: 'key', logger: pino({ level: 'silent' }) });
    const setup = await reader.check('merchant-1', 'acme.myshopify.com');
    expect(setup).toMatchObject({ embedEnabled: 'unknown', shareBlockPlaced: 'unknown', themeName: null });
    expect(setup.reason).toMatch(/couldn't read your theme/);
    expect(setup.editorUrls.embed).toBe(
      'https://acme.myshopify.com/admin/themes/current/editor?context=apps&activateAppId=key/referral-embed',
    );
  });
});
