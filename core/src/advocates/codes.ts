import { z } from 'zod';
import { DomainError } from '../errors.js';

/** Uppercase letters and digits without the look-alikes 0 O 1 I L, and U (avoids accidental words). */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Fills n bytes from the platform CSPRNG (Web Crypto, available in Node >= 19, browsers, workers). */
const secureRandom = (n: number): Uint8Array => globalThis.crypto.getRandomValues(new Uint8Array(n));

/** Largest multiple of the alphabet size below 256: bytes at or above it are rejected, so no bias. */
const ACCEPT_BELOW = 256 - (256 % CODE_ALPHABET.length);

/** A random referral code over `CODE_ALPHABET`, uniformly distributed (rejection sampling). */
export function generateCode(length = 8, random: (n: number) => Uint8Array = secureRandom): string {
  if (!Number.isInteger(length) || length < 1 || length > 64) {
    throw new DomainError('VALIDATION', `Code length must be an integer in 1..64, got ${length}`);
  }
  let code = '';
  while (code.length < length) {
    // Ask for a little more than needed: about 6 % of bytes are rejected.
    for (const byte of random(length - code.length + 4)) {
      if (byte < ACCEPT_BELOW) code += CODE_ALPHABET[byte % CODE_ALPHABET.length];
      if (code.length === length) break;
    }
  }
  return code;
}

/** What a shopper typed, in the form codes are stored in: trimmed, uppercase, no spaces or dashes. */
export function normalizeCode(raw: string): string {
  return raw
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '');
}

/** A code an advocate chose for themself, e.g. "JANE-10" -> "JANE10". */
export const vanityCodeSchema = z
  .string()
  .transform(normalizeCode)
  .pipe(
    z
      .string()
      .min(4, 'Code must be at least 4 characters')
      .max(24, 'Code must be at most 24 characters')
      .regex(/^[A-Z0-9]+$/, 'Code may only contain letters A-Z and digits')
      .regex(/[A-Z]/, 'Code must contain at least one letter'),
  );

/** Codes that would impersonate the merchant or the platform, or read as a promotion or a bug. */
const RESERVED = new Set([
  'ADMIN',
  'SHOPIFY',
  'HUBSPOT',
  'SUPPORT',
  'STAFF',
  'OFFICIAL',
  'TEST',
  'FREE',
  'NULL',
  'UNDEFINED',
  'REFUND',
  'DISCOUNT',
]);
/** Rejected anywhere inside a code. Kept short on purpose; merchants extend it with `blocked`. */
const OFFENSIVE = ['FUCK', 'SHIT', 'CUNT', 'BITCH', 'NAZI'];

export type VanityCodeResult = { ok: true; code: string } | { ok: false; reason: string };

/**
 * Validates an advocate's chosen code. Reserved words and `blocked` entries must match the whole
 * (normalized) code; offensive words are rejected anywhere in it.
 */
export function validateVanityCode(raw: string, opts: { blocked?: string[] } = {}): VanityCodeResult {
  const parsed = vanityCodeSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues[0]?.message ?? 'Invalid code' };
  const code = parsed.data;
  if (RESERVED.has(code)) return { ok: false, reason: `"${code}" is a reserved word` };
  if (OFFENSIVE.some((word) => code.includes(word)))
    return { ok: false, reason: 'Code contains a blocked word' };
  if (opts.blocked?.some((word) => normalizeCode(word) === code)) {
    return { ok: false, reason: `"${code}" is blocked by the merchant` };
  }
  return { ok: true, code };
}
