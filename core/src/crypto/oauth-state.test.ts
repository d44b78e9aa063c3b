import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { signOAuthState, verifyOAuthState } from './oauth-state.js';

const merchant = '4b0f7c3e-5d8a-4e59-9a43-1f2e3d4c5b6a';

describe('OAuth state', () => {
  const key = randomBytes(32);

  test('round-trips the merchant within 15 minutes', () => {
    const state = signOAuthState(key, merchant, 1_000);
    expect(verifyOAuthState(key, state, 1_000 + 14 * 60_000)).toBe(merchant);
    expect(verifyOAuthState(key, state, 1_000 + 16 * 60_000)).toBeNull();
  });

  test.each([
    ['another key', (s: string) => s, randomBytes(32)],
    ['an altered body', (s: string) => `x${s}`, null],
    ['an altered mac', (s: string) => `${s.slice(0, -2)}AA`, null],
    ['no mac', (s: string) => s.split('.')[0] ?? '', null],
    ['garbage', () => 'not.a-state', null],
  ])('refuses %s', (_what, tamper, otherKey) => {
    const state = tamper(signOAuthState(key, merchant, 0));
    expect(verifyOAuthState(otherKey ?? key, state, 0)).toBeNull();
  });

  test('two states for one merchant differ (a nonce each)', () => {
    expect(signOAuthState(key, merchant, 0)).not.toBe(signOAuthState(key, merchant, 0));
  });
});
