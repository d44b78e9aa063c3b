// OAuth `state` bound to the merchant who started a connection (e.g. "Connect HubSpot" in the
// Shopify admin): HMAC-signed and expiring, so a callback attaches the account to that merchant only.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

const STATE_TTL_MS = 15 * 60_000;
const payloadSchema = z.object({ m: z.string().uuid(), n: z.string().min(8), e: z.number().int() });

const keyFor = (secret: Buffer) => createHmac('sha256', secret).update('hubspot-oauth-state').digest();

export function signOAuthState(secret: Buffer, merchantId: string, now = Date.now()): string {
  const body = Buffer.from(
    JSON.stringify({ m: merchantId, n: randomBytes(12).toString('base64url'), e: now + STATE_TTL_MS }),
  ).toString('base64url');
  const mac = createHmac('sha256', keyFor(secret)).update(body).digest('base64url');
  return `${body}.${mac}`;
}

/** The merchant id the state was issued for, or null when forged, altered or expired. */
export function verifyOAuthState(secret: Buffer, state: string, now = Date.now()): string | null {
  const [body, mac] = state.split('.');
  if (!body || !mac) return null;
  const expected = createHmac('sha256', keyFor(secret)).update(body).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let payload: z.infer<typeof payloadSchema>;
  try {
    payload = payloadSchema.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
  } catch {
    return null;
  }
  return payload.e >= now ? payload.m : null;
}
