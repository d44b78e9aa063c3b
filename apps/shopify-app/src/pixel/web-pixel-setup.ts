// Installs the app's web pixel (extensions/referral-pixel) on a shop and keeps its settings in
// step: where to post, which shop, and the shop's key. Run when a shop installs the app (token
// exchange); running it again changes nothing unless the settings differ (say the app moved).
import type { Logger } from 'pino';
import type { AdminGraphql } from '../shopify/admin-graphql.js';
import { WEB_PIXEL, WEB_PIXEL_CREATE, WEB_PIXEL_UPDATE } from '../shopify/documents.js';
import type { PixelKeys } from './pixel-key.js';
import { PIXEL_CHECKOUT_PATH } from './route.js';

/** The pixel's settings; the keys are the fields of extensions/referral-pixel/shopify.extension.toml. */
export type WebPixelSettings = { endpoint: string; shop: string; key: string };

export type WebPixelResult = { id: string; change: 'created' | 'updated' | 'unchanged' };

export class WebPixelSetup {
  constructor(
    private readonly deps: { graphql: AdminGraphql; appUrl: string; keys: PixelKeys; logger: Logger },
  ) {}

  settingsFor(shopDomain: string): WebPixelSettings {
    return {
      endpoint: new URL(PIXEL_CHECKOUT_PATH, this.deps.appUrl).toString(),
      shop: shopDomain,
      key: this.deps.keys.keyFor(shopDomain),
    };
  }

  /** Creates the shop's pixel, or updates it when its settings are not ours (any more). */
  async ensure(merchantId: string, shopDomain: string): Promise<WebPixelResult> {
    const { graphql } = this.deps;
    const settings = JSON.stringify(this.settingsFor(shopDomain));
    const created = await graphql.request(merchantId, WEB_PIXEL_CREATE, { webPixel: { settings } });
    const errors = created.webPixelCreate?.userErrors ?? [];
    const pixel = created.webPixelCreate?.webPixel;
    if (pixel && errors.length === 0) return { id: pixel.id, change: 'created' };
    // TAKEN: the shop already has our pixel (an earlier install); anything else is a real failure.
    if (!errors.every((e) => e.code === 'TAKEN')) {
      throw new Error(`webPixelCreate refused: ${errors.map((e) => `${e.code}: ${e.message}`).join('; ')}`);
    }
    const existing = (await graphql.request(merchantId, WEB_PIXEL, {})).webPixel;
    if (!existing) throw new Error('webPixelCreate says TAKEN but the shop has no web pixel of ours');
    if (sameSettings(existing.settings, settings)) return { id: existing.id, change: 'unchanged' };
    const updated = await graphql.request(merchantId, WEB_PIXEL_UPDATE, {
      id: existing.id,
      webPixel: { settings },
    });
    const updateErrors = updated.webPixelUpdate?.userErrors ?? [];
    if (updateErrors.length > 0 || !updated.webPixelUpdate?.webPixel) {
      throw new Error(
        `webPixelUpdate refused: ${updateErrors.map((e) => `${e.code}: ${e.message}`).join('; ')}`,
      );
    }
    return { id: existing.id, change: 'updated' };
  }
}

/** Shopify returns settings as a JSON string or as parsed JSON. */
function sameSettings(stored: unknown, wanted: string): boolean {
  try {
    const value = typeof stored === 'string' ? JSON.parse(stored) : stored;
    return JSON.stringify(value) === JSON.stringify(JSON.parse(wanted));
  } catch {
    return false;
  }
}
