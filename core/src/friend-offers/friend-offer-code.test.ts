import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { generateCode } from '../advocates/index.js';
import {
  deriveFriendCodeKey,
  FRIEND_CODE_PREFIX,
  friendOfferCode,
  friendOfferKey,
} from './friend-offer-code.js';

const merchantId = '7d0c6f0e-2a43-4d8f-9d0b-52f1a8c3e001';
const offerKey = friendOfferKey({ emailNormalized: 'bob@example.org' });

/** The code drawn from `digest` of the seed's blocks, as friendOfferCode draws it. */
function codeFrom(seed: string, digest: (block: string) => Buffer): string {
  let pending = Buffer.alloc(0);
  let block = 0;
  const stream = (n: number) => {
    while (pending.length < n) pending = Buffer.concat([pending, digest(`${seed}:${block++}`)]);
    const out = pending.subarray(0, n);
    pending = pending.subarray(n);
    return out;
  };
  return `${FRIEND_CODE_PREFIX}${generateCode(10, stream)}`;
}

describe('friendOfferCode', () => {
  const encryptionKey = randomBytes(32);
  const key = deriveFriendCodeKey(encryptionKey);

  test('is the same for the same secret, merchant and friend (a retried claim finds its code)', () => {
    const code = friendOfferCode(key, merchantId, offerKey);
    expect(code).toMatch(new RegExp(`^${FRIEND_CODE_PREFIX}[23456789ABCDEFGHJKMNPQRSTVWXYZ]{10}$`));
    expect(friendOfferCode(deriveFriendCodeKey(Buffer.from(encryptionKey)), merchantId, offerKey)).toBe(code);
  });

  test('differs under another secret, for another merchant and for another friend', () => {
    const code = friendOfferCode(key, merchantId, offerKey);
    expect(friendOfferCode(deriveFriendCodeKey(randomBytes(32)), merchantId, offerKey)).not.toBe(code);
    expect(friendOfferCode(key, '7d0c6f0e-2a43-4d8f-9d0b-52f1a8c3e002', offerKey)).not.toBe(code);
    expect(friendOfferCode(key, merchantId, friendOfferKey({ emailNormalized: 'ann@example.org' }))).not.toBe(
      code,
    );
  });

  test('cannot be worked out from the merchant id and the email alone', () => {
    const code = friendOfferCode(key, merchantId, offerKey);
    const seed = `${merchantId}:${offerKey}`;
    // With the secret, the derivation is reproduced (so the two checks below can fail) ...
    expect(codeFrom(seed, (b) => createHmac('sha256', key).update(b).digest())).toBe(code);
    // ... without it, from what anyone may know (the merchant id and the email), it is not.
    expect(codeFrom(seed, (b) => createHash('sha256').update(b).digest())).not.toBe(code);
    // Nor by keying with the encryption key itself: the code key is a sub-key drawn from it.
    expect(codeFrom(seed, (b) => createHmac('sha256', encryptionKey).update(b).digest())).not.toBe(code);
  });

  test('the code key is a 32-byte sub-key, not the encryption key', () => {
    expect(key).toHaveLength(32);
    expect(key.equals(encryptionKey)).toBe(false);
  });
});
