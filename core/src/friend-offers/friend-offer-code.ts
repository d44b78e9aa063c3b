// A friend's discount code is derived from the offer's key, so a retried claim maps to the same
// code and the platform's look-up-then-create finds what an earlier attempt made. The derivation is
// keyed with a server secret: knowing a merchant's id and a friend's email is not enough to work
// out (and spend) that friend's code.
import { createHmac, hkdfSync } from 'node:crypto';
import { generateCode } from '../advocates/index.js';

/** Friend codes read as such at checkout and never collide with the 8-10 character referral codes. */
export const FRIEND_CODE_PREFIX = 'FRIEND';

declare const friendCodeKeyBrand: unique symbol;
/** The HMAC key friend codes are derived under; only `deriveFriendCodeKey` makes one. */
export type FriendCodeKey = Buffer & { readonly [friendCodeKeyBrand]: true };

/** HKDF's `info`: names the purpose, so this sub-key is unrelated to any other drawn from the same key. */
const FRIEND_CODE_KEY_INFO = 'referrals/friend-offer-code/v1';

/**
 * The friend-code key for a deployment: a 32-byte sub-key drawn with HKDF-SHA256 from the key that
 * seals secrets at rest (ENCRYPTION_KEY), which itself never keys anything but the cipher.
 * Rotating that key changes the codes of friends who have no offer yet; stored offers keep theirs.
 */
export function deriveFriendCodeKey(encryptionKey: Buffer): FriendCodeKey {
  return Buffer.from(hkdfSync('sha256', encryptionKey, '', FRIEND_CODE_KEY_INFO, 32)) as FriendCodeKey;
}

/** One offer per friend email, or per (advocate, visitor) for an anonymous arrival. */
export const friendOfferKey = (
  who: { emailNormalized: string } | { advocateId: string; visitorId: string },
) =>
  'emailNormalized' in who ? `email:${who.emailNormalized}` : `visitor:${who.advocateId}:${who.visitorId}`;

/** FRIEND + 10 characters of CODE_ALPHABET, drawn without bias from HMAC-SHA256 of merchant and key. */
export function friendOfferCode(key: FriendCodeKey, merchantId: string, offerKey: string): string {
  return `${FRIEND_CODE_PREFIX}${generateCode(10, macStream(key, `${merchantId}:${offerKey}`))}`;
}

/** An endless deterministic byte source: HMAC of the seed and a block counter, block after block. */
function macStream(key: FriendCodeKey, seed: string): (n: number) => Uint8Array {
  let pending = new Uint8Array(0);
  let block = 0;
  return (n) => {
    while (pending.length < n) {
      const next = createHmac('sha256', key).update(`${seed}:${block++}`).digest();
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
