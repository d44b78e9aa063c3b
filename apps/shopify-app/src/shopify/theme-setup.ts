// Is the storefront set up? Reads the published theme through the Admin API (read_themes):
// config/settings_data.json says whether our app embed is switched on (an entry in
// current.blocks typed shopify://apps/{app}/blocks/referral-embed/{uuid} with disabled false),
// and the JSON templates and section groups say whether the share block was placed. Shopify
// offers no "is my embed on" query, so this is the documented way to know from the server.
// Whatever goes wrong answers "unknown" with a reason, never "off": the checklist must not tell
// a merchant to switch on what may already be on.
import type { Logger } from 'pino';
import type { AdminGraphql, AdminResult } from './admin-graphql.js';
import { MAIN_THEME_FILES } from './documents.js';

/** Block handles: the file names in extensions/referral-embed/blocks. */
export const EMBED_HANDLE = 'referral-embed';
export const SHARE_BLOCK_HANDLE = 'share';

const SETTINGS_DATA = 'config/settings_data.json';
const FILENAMES = [SETTINGS_DATA, 'templates/*.json', 'sections/*.json'];
/** 50 files a page: 10 pages cover any theme we have seen; more is reported as unknown. */
const MAX_PAGES = 10;

export type Checked = boolean | 'unknown';

export type ThemeSetup = {
  themeName: string | null;
  embedEnabled: Checked;
  shareBlockPlaced: Checked;
  /** Why a check is unknown (null when both are known). */
  reason: string | null;
  /** Theme editor deep links: Theme settings > App embeds on our embed; "add block" for the share block. */
  editorUrls: { embed: string; shareBlock: string };
};

export type ThemeSetupReader = { check(merchantId: string, shopDomain: string): Promise<ThemeSetup> };

/**
 * Where the theme editor links go instead of the shop's admin: the sandbox points them at the
 * emulator's stand-in (its /sandbox/theme-editor page), with the admin to come back to.
 */
export type ThemeEditorTarget = { url: string; returnTo(shopDomain: string): string };

/** The theme editor links, built from the shop's myshopify domain and the app's client id. */
export function themeEditorUrls(
  shopDomain: string,
  apiKey: string,
  target?: ThemeEditorTarget,
): ThemeSetup['editorUrls'] {
  if (target) {
    const link = (params: Record<string, string>) =>
      `${target.url}?${new URLSearchParams({ shop: shopDomain, ...params, return_to: target.returnTo(shopDomain) })}`;
    return {
      embed: link({ context: 'apps', activateAppId: `${apiKey}/${EMBED_HANDLE}` }),
      shareBlock: link({
        template: 'index',
        addAppBlockId: `${apiKey}/${SHARE_BLOCK_HANDLE}`,
        target: 'newAppsSection',
      }),
    };
  }
  const editor = `https://${shopDomain}/admin/themes/current/editor`;
  return {
    embed: `${editor}?context=apps&activateAppId=${encodeURIComponent(apiKey)}/${EMBED_HANDLE}`,
    shareBlock: `${editor}?template=index&addAppBlockId=${encodeURIComponent(apiKey)}/${SHARE_BLOCK_HANDLE}&target=newAppsSection`,
  };
}

type ThemeBlock = { type?: unknown; disabled?: unknown };

const isAppBlock = (block: unknown, handle: string): block is ThemeBlock =>
  typeof block === 'object' &&
  block !== null &&
  typeof (block as ThemeBlock).type === 'string' &&
  new RegExp(`^shopify://apps/[^/]+/blocks/${handle}/`).test((block as ThemeBlock).type as string);

const isOn = (block: ThemeBlock) => block.disabled !== true;

/** Shopify writes a comment on top of generated JSON files; JSON.parse needs it gone. */
export function parseThemeJson(content: string): unknown {
  return JSON.parse(content.replace(/^\uFEFF?\s*\/\*[\s\S]*?\*\//, ''));
}

const values = (record: unknown): unknown[] =>
  typeof record === 'object' && record !== null ? Object.values(record) : [];

/** settings_data.json: is our embed in current.blocks and not disabled? (`current` may name a preset.) */
export function embedEnabledIn(settingsData: unknown): boolean {
  const data = (settingsData ?? {}) as { current?: unknown; presets?: Record<string, unknown> };
  const current = typeof data.current === 'string' ? data.presets?.[data.current] : data.current;
  const blocks = values((current as { blocks?: unknown } | undefined)?.blocks);
  return blocks.some((b) => isAppBlock(b, EMBED_HANDLE) && isOn(b));
}

/** A JSON template or section group: is the share block in one of its sections, switched on? */
export function shareBlockIn(template: unknown): boolean {
  const sections = values((template as { sections?: unknown } | null)?.sections);
  return sections.some(
    (section) =>
      (section as { disabled?: unknown }).disabled !== true &&
      values((section as { blocks?: unknown }).blocks).some(
        (b) => isAppBlock(b, SHARE_BLOCK_HANDLE) && isOn(b),
      ),
  );
}

type ThemeFile = { filename: string; content: string | null };

async function readMainTheme(
  graphql: AdminGraphql,
  merchantId: string,
): Promise<{ name: string; files: ThemeFile[]; complete: boolean } | null> {
  const files: ThemeFile[] = [];
  let name: string | null = null;
  let after: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const data: AdminResult<typeof MAIN_THEME_FILES> = await graphql.request(merchantId, MAIN_THEME_FILES, {
      filenames: FILENAMES,
      after,
    });
    const theme = data.themes?.nodes[0];
    if (!theme) return null;
    name = theme.name;
    for (const file of theme.files?.nodes ?? []) {
      // Base64 and URL bodies (binary files) have no content; JSON files are always text.
      const body = file.body as { content?: string };
      files.push({
        filename: file.filename,
        content: typeof body.content === 'string' ? body.content : null,
      });
    }
    const info = theme.files?.pageInfo;
    if (!info?.hasNextPage || !info.endCursor) return { name, files, complete: true };
    after = info.endCursor;
  }
  return { name: name ?? '', files, complete: false };
}

export function themeSetupReader(deps: {
  graphql: AdminGraphql;
  apiKey: string;
  logger: Logger;
  /** Sandbox only: the theme editor stand-in the links open instead of Shopify's. */
  editor?: ThemeEditorTarget | undefined;
}): ThemeSetupReader {
  return {
    async check(merchantId, shopDomain) {
      const editorUrls = themeEditorUrls(shopDomain, deps.apiKey, deps.editor);
      const unknown = (reason: string, themeName: string | null = null): ThemeSetup => ({
        themeName,
        embedEnabled: 'unknown',
        shareBlockPlaced: 'unknown',
        reason,
        editorUrls,
      });
      let theme: Awaited<ReturnType<typeof readMainTheme>>;
      try {
        theme = await readMainTheme(deps.graphql, merchantId);
      } catch (err) {
        deps.logger.warn({ err, merchantId }, 'theme setup check failed');
        return unknown("We couldn't read your theme from Shopify just now.");
      }
      if (!theme) return unknown('Your shop has no published theme.');

      let embedEnabled: Checked = 'unknown';
      const reasons: string[] = [];
      const settings = theme.files.find((f) => f.filename === SETTINGS_DATA);
      if (!settings?.content) {
        // A theme that was never customised has no settings_data.json: nothing is switched on.
        embedEnabled = settings ? 'unknown' : false;
        if (settings) reasons.push("Your theme's settings could not be read.");
      } else {
        try {
          embedEnabled = embedEnabledIn(parseThemeJson(settings.content));
        } catch {
          reasons.push("Your theme's settings file is not valid JSON.");
        }
      }

      let placed = false;
      let unreadable = false;
      for (const file of theme.files) {
        if (file.filename === SETTINGS_DATA || file.content === null) continue;
        try {
          if (shareBlockIn(parseThemeJson(file.content))) placed = true;
        } catch {
          unreadable = true;
        }
      }
      let shareBlockPlaced: Checked = placed;
      if (!placed && (unreadable || !theme.complete)) {
        shareBlockPlaced = 'unknown';
        reasons.push(
          theme.complete
            ? 'Some of your theme templates could not be read.'
            : 'Your theme has more templates than we check.',
        );
      }
      return {
        themeName: theme.name,
        embedEnabled,
        shareBlockPlaced,
        reason: reasons.length > 0 ? reasons.join(' ') : null,
        editorUrls,
      };
    },
  };
}
