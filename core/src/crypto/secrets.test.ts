import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret, hashIp, parseEncryptionKey } from './secrets.js';

describe('secrets', () => {
  const key = randomBytes(32);

  it('round-trips and never stores the plaintext', () => {
    const sealed = encryptSecret(key, 'shpat_secret', 'merchant-1:shopify');
    expect(sealed.includes(Buffer.from('shpat_secret'))).toBe(false);
    expect(decryptSecret(key, sealed, 'merchant-1:shopify')).toBe('shpat_secret');
  });

  it('refuses a tampered ciphertext, another context or another key', () => {
    const sealed = encryptSecret(key, 'token', 'a');
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
    expect(() => decryptSecret(key, tampered, 'a')).toThrow();
    expect(() => decryptSecret(key, sealed, 'b')).toThrow();
    expect(() => decryptSecret(randomBytes(32), sealed, 'a')).toThrow();
  });

  it('parses hex and base64 keys and rejects short ones', () => {
    expect(parseEncryptionKey(key.toString('hex'))).toEqual(key);
    expect(parseEncryptionKey(key.toString('base64'))).toEqual(key);
    expect(() => parseEncryptionKey('abc')).toThrow(/32 bytes/);
  });

  it('hashes IPs with a salt, stably', () => {
    expect(hashIp('s', '1.2.3.4')).toBe(hashIp('s', ' 1.2.3.4 '));
    expect(hashIp('s', '1.2.3.4')).not.toBe(hashIp('t', '1.2.3.4'));
    expect(hashIp('s', null)).toBeNull();
  });
});
