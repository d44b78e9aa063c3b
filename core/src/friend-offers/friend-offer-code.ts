// A friend's discount code is derived from the offer's key, so a retried claim maps to the same
// code and the platform's look-up-then-create finds what an earlier attempt made.
import { createHash } from 'node:crypto';
import { generateCode } from '../advocates/index.js';

/** Friend codes read as such at checkout and never collide with the 8-10 character referral codes. */
export const FRIEND_CODE_PREFIX = 'FRIEND';

/** One offer per friend email, or per (advocate, visitor) for an anonymous arrival. */
export const friendOfferKey = (
  who: { emailNormalized: string } | { advocateId: string; visitorId: string },
) =>
  'emailNormalized' in who ? `email:${who.emailNormalized}` : `visitor:${who.advocateId}:${who.visitorId}`;

/** FRIEND + 10 characters of CODE_ALPHABET, drawn without bias from SHA-256 of merchant and key. */
export function friendOfferCode(merchantId: string, offerKey: string): string {
  return `${FRIEND_CODE_PREFIX}${generateCode(10, digestStream(`${merchantId}:${offerKey}`))}`;
}

/** An endless deterministic byte source: SHA-256 of the seed and a block counter, block after block. */
function digestStream(seed: string): (n: number) => Uint8Array {
  let pending = new Uint8Array(0);
  let block = 0;
  return (n) => {
    while (pending.length < n) {
      const next = createHash('sha256').update(`${seed}:${block++}`).digest();
      const joined = new Uint8Array(pending.length + next.length);
      joined.set(pending);
      joined.set(next, pending.length);
      pending = joined;
    }
    const out = pending.slice(0, n);
    pending = pending.slice(n);
    return out;
  };
}
