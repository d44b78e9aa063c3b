// The app's web pixel on a shop (webPixelCreate / webPixelUpdate / webPixel). Shopify checks the
// settings against the settings definition of the app's deployed web pixel extension; the emulator
// reads that definition from the app's own extension TOML, so a settings key the extension does
// not define (or one it needs but is missing) fails here as it would at Shopify.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type WebPixel = { id: string; settings: string };

type Args = Record<string, unknown>;
type UserError = { field: string[]; code: string; message: string };

const EXTENSION_TOML = fileURLToPath(
  new URL('../../extensions/referral-pixel/shopify.extension.toml', import.meta.url),
);

/** Field names under [settings.fields.NAME] of the pixel extension (every one required). */
export function pixelSettingsFields(toml: string = readFileSync(EXTENSION_TOML, 'utf8')): string[] {
  return [...toml.matchAll(/^\s*\[(?:extensions\.)?settings\.fields\.([A-Za-z0-9_]+)\]\s*$/gm)].map(
    (m) => m[1] ?? '',
  );
}

function checkSettings(raw: unknown, fields: readonly string[]): { settings: string } | { error: UserError } {
  const field = ['webPixel', 'settings'];
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return { error: { field, code: 'INVALID_CONFIGURATION_JSON', message: 'Settings must be valid JSON' } };
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: { field, code: 'INVALID_SETTINGS', message: 'Settings must be an object' } };
  }
  const entries = value as Record<string, unknown>;
  const unknown = Object.keys(entries).filter((k) => !fields.includes(k));
  const missing = fields.filter((k) => typeof entries[k] !== 'string' || entries[k] === '');
  if (unknown.length > 0 || missing.length > 0) {
    const parts = [
      ...(unknown.length > 0 ? [`not in the settings definition: ${unknown.join(', ')}`] : []),
      ...(missing.length > 0 ? [`missing or not text: ${missing.join(', ')}`] : []),
    ];
    return { error: { field, code: 'INVALID_SETTINGS', message: `Invalid settings (${parts.join('; ')})` } };
  }
  return { settings: JSON.stringify(entries) };
}

export function webPixelResolvers(
  state: { webPixel: WebPixel | null; nextGid(type: string): string },
  fields: () => readonly string[] = pixelSettingsFields,
) {
  const input = (args: Args) => (args.webPixel ?? {}) as { settings?: unknown };
  return {
    webPixel: (args: Args) => {
      const pixel = state.webPixel;
      if (!pixel || (args.id !== undefined && args.id !== null && args.id !== pixel.id)) return null;
      return { ...pixel };
    },
    webPixelCreate: (args: Args) => {
      if (state.webPixel) {
        return {
          webPixel: null,
          userErrors: [{ field: ['webPixel'], code: 'TAKEN', message: 'Web pixel is taken.' }],
        };
      }
      const checked = checkSettings(input(args).settings, fields());
      if ('error' in checked) return { webPixel: null, userErrors: [checked.error] };
      state.webPixel = { id: state.nextGid('WebPixel'), settings: checked.settings };
      return { webPixel: { ...state.webPixel }, userErrors: [] };
    },
    webPixelUpdate: (args: Args) => {
      if (!state.webPixel || state.webPixel.id !== String(args.id)) {
        return {
          webPixel: null,
          userErrors: [{ field: ['id'], code: 'NOT_FOUND', message: 'Web pixel not found.' }],
        };
      }
      const checked = checkSettings(input(args).settings, fields());
      if ('error' in checked) return { webPixel: null, userErrors: [checked.error] };
      state.webPixel.settings = checked.settings;
      return { webPixel: { ...state.webPixel }, userErrors: [] };
    },
  };
}
