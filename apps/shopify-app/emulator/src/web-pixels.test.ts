import { describe, expect, test } from 'vitest';
import { pixelSettingsFields, webPixelResolvers } from './web-pixels.js';

describe('the web pixel resolvers', () => {
  test("read the settings definition from the app's pixel extension", () => {
    expect(pixelSettingsFields()).toEqual(['endpoint', 'shop', 'key']);
  });

  test('refuse settings the extension does not define, then create once, then update', () => {
    let n = 0;
    const state = { webPixel: null, nextGid: (type: string) => `gid://shopify/${type}/${++n}` };
    const pixels = webPixelResolvers(state);
    const good = { endpoint: 'https://app.example/pixel', shop: 'a.myshopify.com', key: 'k' };

    expect(pixels.webPixel({})).toBeNull();
    expect(
      pixels.webPixelCreate({ webPixel: { settings: JSON.stringify({ ...good, extra: 'x' }) } }),
    ).toEqual({
      webPixel: null,
      userErrors: [
        {
          field: ['webPixel', 'settings'],
          code: 'INVALID_SETTINGS',
          message: 'Invalid settings (not in the settings definition: extra)',
        },
      ],
    });
    expect(pixels.webPixelCreate({ webPixel: { settings: '{"shop": ' } }).userErrors[0]?.code).toBe(
      'INVALID_CONFIGURATION_JSON',
    );
    expect(
      pixels.webPixelCreate({ webPixel: { settings: JSON.stringify({ shop: 'a' }) } }).userErrors[0]?.message,
    ).toBe('Invalid settings (missing or not text: endpoint, key)');

    const created = pixels.webPixelCreate({ webPixel: { settings: JSON.stringify(good) } });
    expect(created).toEqual({
      webPixel: { id: 'gid://shopify/WebPixel/1', settings: JSON.stringify(good) },
      userErrors: [],
    });
    expect(pixels.webPixelCreate({ webPixel: { settings: JSON.stringify(good) } }).userErrors[0]?.code).toBe(
      'TAKEN',
    );
    expect(pixels.webPixel({})).toEqual(created.webPixel);

    const moved = { ...good, endpoint: 'https://moved.example/pixel' };
    expect(
      pixels.webPixelUpdate({ id: 'gid://shopify/WebPixel/9', webPixel: { settings: JSON.stringify(moved) } })
        .userErrors[0]?.code,
    ).toBe('NOT_FOUND');
    expect(
      pixels.webPixelUpdate({ id: 'gid://shopify/WebPixel/1', webPixel: { settings: JSON.stringify(moved) } })
        .webPixel?.settings,
    ).toBe(JSON.stringify(moved));
  });
});
