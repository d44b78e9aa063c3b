// The signed referral attribute: the /r/:code link carries `rs`, the theme embed copies it into
// the cart attribute `_referral_sig` beside `_referral_code`, and the friend-offer function's
// automatic discount applies only when it matches. Anyone can set a cart attribute; only the app
// (which holds the server secret) can make a signature that matches a code.
//
//   signatureKey = HKDF-SHA256(server secret, salt: none, info: "referrals/attribute-signature/v1:<merchantId>", 32 bytes)
//   signature    = base64url(HMAC-SHA256(signatureKey, UPPER-CASE code)), first 22 characters
//
// The key is per merchant, so a shop's function configuration (which holds its key in hex) can
// sign nothing for another shop. The function recomputes the HMAC in plain JS
// (extensions/friend-offer-discount/src/hmac-sha256.js).
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** Cart attribute and link parameter names (the theme embed copies `rs` into the attribute). */
export const REFERRAL_SIGNATURE_ATTRIBUTE = '_referral_sig';
export const REFERRAL_SIGNATURE_PARAM = 'rs';
/** Characters kept of the base64url HMAC: 132 bits. */
export const REFERRAL_SIGNATURE_LENGTH = 22;

const INFO_PREFIX = 'referrals/attribute-signature/v1:';

/** The merchant's signature key as lower-case hex (the automatic discount's `signatureKey`). */
export function deriveSignatureKey(serverSecret: Buffer, merchantId: string): string {
  const key = hkdfSync('sha256', serverSecret, Buffer.alloc(0), `${INFO_PREFIX}${merchantId}`, 32);
  return Buffer.from(key).toString('hex');
}

/** The signature of a referral code (case-insensitive: the upper-cased code is signed). */
export function signReferralCode(signatureKeyHex: string, code: string): string {
  return createHmac('sha256', Buffer.from(signatureKeyHex, 'hex'))
    .update(code.trim().toUpperCase(), 'utf8')
    .digest('base64url')
    .slice(0, REFERRAL_SIGNATURE_LENGTH);
}

/** Whether `signature` is the code's, compared in constant time. */
export function verifyReferralSignature(signatureKeyHex: string, code: string, signature: string): boolean {
  const expected = Buffer.from(signReferralCode(signatureKeyHex, code));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
