// The function's own SHA-256 / HMAC-SHA256 (plain JS, for the Shopify Functions runtime) against
// node:crypto, and the app's referral signature (node:crypto HKDF + HMAC) against the function's
// check: the link signs what the automatic discount accepts, for every code and key.
import { createHash, createHmac, hkdfSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  base64url,
  hexToBytes,
  hmacSha256,
  sha256,
  utf8,
} from '../../extensions/friend-offer-discount/src/hmac-sha256.js';
import { signCode } from '../../extensions/friend-offer-discount/src/index.js';
import {
  deriveSignatureKey,
  REFERRAL_SIGNATURE_LENGTH,
  signReferralCode,
  verifyReferralSignature,
} from './referral-signature.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe("the function's SHA-256 and HMAC equal node:crypto", () => {
  test('SHA-256 at every length around the block and padding boundaries', () => {
    for (let length = 0; length <= 200; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 255);
      expect(hex(sha256(bytes)), `length ${length}`).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    // FIPS 180-4's "abc".
    expect(hex(sha256(utf8('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  test('SHA-256 and HMAC-SHA256 on random keys and messages', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 200 }), (message, key) => {
        expect(hex(sha256(message))).toBe(createHash('sha256').update(message).digest('hex'));
        expect(hex(hmacSha256(key, message))).toBe(createHmac('sha256', key).update(message).digest('hex'));
      }),
      { numRuns: 500 },
    );
  });

  test('UTF-8, hex and base64url as Node encodes them', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 80 }),
        fc.uint8Array({ maxLength: 64 }),
        (text, bytes) => {
          expect(hex(utf8(text))).toBe(Buffer.from(text, 'utf8').toString('hex'));
          expect(base64url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
          expect(hex(hexToBytes(hex(bytes))!)).toBe(hex(bytes));
        },
      ),
      { numRuns: 500 },
    );
    expect(hexToBytes('abc')).toBeNull();
    expect(hexToBytes('zz')).toBeNull();
  });
});

describe('the referral signature', () => {
  const secret = Buffer.alloc(32, 3);

  test('the key is HKDF-SHA256 of the server secret with the merchant in the info, 32 bytes', () => {
    const key = deriveSignatureKey(secret, 'merchant-a');
    // RFC 5869 by hand: extract with an empty salt (a block of zeros), expand one block.
    const prk = createHmac('sha256', Buffer.alloc(32)).update(secret).digest();
    const okm = createHmac('sha256', prk)
      .update(Buffer.concat([Buffer.from('referrals/attribute-signature/v1:merchant-a'), Buffer.from([1])]))
      .digest('hex');
    expect(key).toBe(okm);
    expect(key).toBe(
      Buffer.from(hkdfSync('sha256', secret, '', 'referrals/attribute-signature/v1:merchant-a', 32)).toString(
        'hex',
      ),
    );
    expect(deriveSignatureKey(secret, 'merchant-b')).not.toBe(key);
    expect(deriveSignatureKey(Buffer.alloc(32, 4), 'merchant-a')).not.toBe(key);
  });

  test('the app signs exactly what the function checks, for any code and key', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9_-]{3,32}$/),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (code, keyBytes) => {
          const key = hex(keyBytes);
          const signature = signReferralCode(key, code);
          expect(signature).toHaveLength(REFERRAL_SIGNATURE_LENGTH);
          expect(signature).toMatch(/^[A-Za-z0-9_-]+$/);
          expect(signCode(key, code.toUpperCase())).toBe(signature);
          expect(verifyReferralSignature(key, code.toLowerCase(), signature)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('a signature is refused for another code, another shop or when altered', () => {
    const key = deriveSignatureKey(secret, 'merchant-a');
    const signature = signReferralCode(key, 'ANNA10');
    expect(signature).toBe(
      createHmac('sha256', Buffer.from(key, 'hex')).update('ANNA10').digest('base64url').slice(0, 22),
    );
    expect(verifyReferralSignature(key, 'ANNA11', signature)).toBe(false);
    expect(verifyReferralSignature(deriveSignatureKey(secret, 'merchant-b'), 'ANNA10', signature)).toBe(
      false,
    );
    expect(
      verifyReferralSignature(
        key,
        'ANNA10',
        `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`,
      ),
    ).toBe(false);
    expect(verifyReferralSignature(key, 'ANNA10', signature.slice(0, 21))).toBe(false);
    expect(verifyReferralSignature(key, 'ANNA10', '')).toBe(false);
  });
});
