// App Bridge session tokens: what Shopify's admin hands an embedded app (HS256, signed with the
// app's secret, one minute of life), and the checks the token endpoint makes before exchanging one.
import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { signJwtHs256, verifyJwtHs256 } from './jwt.js';

export type AppCredentials = { apiKey: string; apiSecret: string };

export type SessionTokenOptions = {
  /** The staff member's id, the `sub` claim (default '1'). */
  userId?: string;
  /** Life from now (default 60 s); negative mints an already expired token. */
  expiresInSeconds?: number;
  /** Override the audience or the signing secret, to forge tokens in tests. */
  apiKey?: string;
  secret?: string;
};

/** Clock skew the token endpoint forgives on exp and nbf. */
export const SESSION_TOKEN_LEEWAY_SECONDS = 5;

export function mintSessionToken(
  app: AppCredentials,
  domain: string,
  nowMs: number,
  options: SessionTokenOptions = {},
): string {
  const now = Math.floor(nowMs / 1000);
  return signJwtHs256(
    {
      iss: `https://${domain}/admin`,
      dest: `https://${domain}`,
      aud: options.apiKey ?? app.apiKey,
      sub: options.userId ?? '1',
      exp: now + (options.expiresInSeconds ?? 60),
      nbf: now,
      iat: now,
      jti: randomUUID(),
      sid: randomBytes(16).toString('hex'),
    },
    options.secret ?? app.apiSecret,
  );
}

const sessionClaimsSchema = z.object({
  iss: z.string(),
  dest: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
  exp: z.number(),
  nbf: z.number(),
});

export type SessionTokenCheck = { ok: true; shop: string } | { ok: false; reason: string };

/** Signature, audience, time window and issuer; the caller checks the shop has the app installed. */
export function checkSessionToken(app: AppCredentials, token: string, nowMs: number): SessionTokenCheck {
  const verified = verifyJwtHs256(token, app.apiSecret);
  if (!verified.ok) return verified;
  const parsed = sessionClaimsSchema.safeParse(verified.claims);
  if (!parsed.success) return { ok: false, reason: 'missing or malformed claims' };
  const claims = parsed.data;
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(app.apiKey)) return { ok: false, reason: 'audience is not this app' };
  const now = nowMs / 1000;
  if (now > claims.exp + SESSION_TOKEN_LEEWAY_SECONDS) return { ok: false, reason: 'token has expired' };
  if (now < claims.nbf - SESSION_TOKEN_LEEWAY_SECONDS) return { ok: false, reason: 'token is not valid yet' };
  const dest = /^https:\/\/([a-z0-9][a-z0-9-]*\.myshopify\.com)$/i.exec(claims.dest);
  if (!dest) return { ok: false, reason: 'dest is not a shop' };
  if (claims.iss !== `${claims.dest}/admin`) return { ok: false, reason: 'iss does not match dest' };
  return { ok: true, shop: dest[1] as string };
}
