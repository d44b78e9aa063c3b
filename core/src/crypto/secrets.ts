// AES-256-GCM for tokens at rest, and a salted hash for IP addresses (we never store raw IPs).
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { DomainError } from '../errors.js';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Accepts a 32-byte key as 64 hex characters or base64. */
export function parseEncryptionKey(raw: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32) {
    throw new DomainError('VALIDATION', 'The encryption key must be 32 bytes (64 hex chars or base64).');
  }
  return key;
}

/** Layout: version byte | 12-byte IV | 16-byte tag | ciphertext. `context` binds it to its row. */
export function encryptSecret(key: Buffer, plaintext: string, context = ''): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

export function decryptSecret(key: Buffer, sealed: Buffer, context = ''): string {
  if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== VERSION) {
    throw new DomainError('VALIDATION', 'Not a sealed secret of a known version.');
  }
  const iv = sealed.subarray(1, 1 + IV_BYTES);
  const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(tag);
  return Buffer.concat([
    decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)),
    decipher.final(),
  ]).toString('utf8');
}

export function hashIp(salt: string, ip: string | null | undefined): string | null {
  if (!ip) return null;
  return createHmac('sha256', salt).update(ip.trim().toLowerCase()).digest('base64url').slice(0, 32);
}
