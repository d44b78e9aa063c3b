// Deterministic platform codes: the same reward always maps to the same code, so a retry after a
// timeout finds what the first attempt created instead of creating a second one.
import { createHash } from 'node:crypto';
import { CODE_ALPHABET } from '@referrals/core';

export function deterministicCode(prefix: string, seed: string, length = 10): string {
  const digest = createHash('sha256').update(seed).digest();
  let code = '';
  for (let i = 0; i < length; i++) code += CODE_ALPHABET[(digest[i] ?? 0) % CODE_ALPHABET.length];
  return `${prefix}${code}`;
}

export const customerGid = (platformCustomerId: string): string =>
  platformCustomerId.startsWith('gid://')
    ? platformCustomerId
    : `gid://shopify/Customer/${platformCustomerId}`;
