// HubSpot's v3 request signature: base64 HMAC-SHA256 with the app's client secret over
// method + full URI + raw body + timestamp. Compared in constant time; a timestamp more than five
// minutes away is refused, so a captured request cannot be replayed later.
//
// Hand-written on purpose instead of the SDK's `Signature.isValid` (@hubspot/api-client 14), which
// is weaker here: it compares the signatures with `===`, whose time depends on how many leading
// characters match (a timing oracle for forging one); it accepts timestamps from the future (it
// only checks `now - timestamp`); it throws on a stale timestamp instead of answering; and it signs
// the body as a string, not the raw bytes HubSpot signed. Ours uses `timingSafeEqual` over the
// decoded digests, a window on both sides, and the raw body.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_WINDOW_MS = 5 * 60_000;

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'mismatch' };

export function verifyHubSpotSignature(input: {
  secret: string;
  method: string;
  uri: string;
  rawBody: Buffer;
  signature: string | undefined;
  timestamp: string | undefined;
  now: number;
}): SignatureCheck {
  if (!input.signature || !input.timestamp || !/^\d{10,16}$/.test(input.timestamp))
    return { ok: false, reason: 'missing' };
  if (Math.abs(input.now - Number(input.timestamp)) > SIGNATURE_WINDOW_MS)
    return { ok: false, reason: 'stale' };
  const expected = createHmac('sha256', input.secret)
    .update(`${input.method.toUpperCase()}${input.uri}`)
    .update(input.rawBody)
    .update(input.timestamp)
    .digest();
  const given = Buffer.from(input.signature, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'mismatch' };
  return { ok: true };
}
