// The per-shop key the web pixel sends with each event. A pixel runs in the shopper's browser and
// can hold no secret: the key is readable by anyone who opens the storefront. It proves only that
// the request names a shop we installed the pixel on (and which shop), so an event for a shop that
// never installed us is refused before anything is stored. It is derived, never stored: HKDF from
// the app's encryption key, then HMAC over the shop domain.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

const INFO = 'referrals/web-pixel-key/v1';

export type PixelKeys = {
  /** The key for a shop's pixel settings. */
  keyFor(shopDomain: string): string;
  /** Constant-time check of a presented key against the shop's. */
  verify(shopDomain: string, presented: string): boolean;
};

export function pixelKeys(encryptionKey: Buffer): PixelKeys {
  const secret = Buffer.from(hkdfSync('sha256', encryptionKey, Buffer.alloc(0), INFO, 32));
  const keyFor = (shopDomain: string) =>
    createHmac('sha256', secret).update(shopDomain.toLowerCase()).digest('base64url');
  return {
    keyFor,
    verify(shopDomain, presented) {
      const expected = Buffer.from(keyFor(shopDomain));
      const given = Buffer.from(presented);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
