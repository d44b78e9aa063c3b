// HS256 JSON Web Tokens with node:crypto, enough for App Bridge session tokens: Shopify signs them
// with the app's secret and the app (and the token endpoint) verify them with the same secret.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type JwtClaims = Record<string, unknown>;

export type JwtVerification = { ok: true; claims: JwtClaims } | { ok: false; reason: string };

// @shopify/shopify-api turns the secret into bytes one char code each (latin1), not UTF-8.
const keyOf = (secret: string) => Buffer.from(secret, 'latin1');

const sign = (input: string, secret: string) =>
  createHmac('sha256', keyOf(secret)).update(input).digest('base64url');

export function signJwtHs256(claims: JwtClaims, secret: string): string {
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${header}.${payload}.${sign(`${header}.${payload}`, secret)}`;
}

function decodePart(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}

/** Checks the form, the algorithm and the signature; the caller judges the claims. */
export function verifyJwtHs256(token: string, secret: string): JwtVerification {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'not a JWT' };
  const [header, payload, signature] = parts as [string, string, string];
  const head = decodePart(header) as { alg?: unknown } | null;
  if (head?.alg !== 'HS256') return { ok: false, reason: 'algorithm is not HS256' };
  const expected = Buffer.from(sign(`${header}.${payload}`, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'signature does not verify' };
  }
  const claims = decodePart(payload);
  if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) {
    return { ok: false, reason: 'payload is not a JSON object' };
  }
  return { ok: true, claims: claims as JwtClaims };
}
