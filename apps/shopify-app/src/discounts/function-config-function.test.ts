// The friend-offer function's configuration as the app builds it from a programme version's
// rules (what H5's discount sync writes into each app discount's metafield).
import { describe, expect, test } from 'vitest';
import { buildFunctionConfig, functionConfigSchema } from './function-config.js';
import { deriveSignatureKey } from './referral-signature.js';

type Rules = Parameters<typeof buildFunctionConfig>[0]['rules'];
const eligibility = (over: Partial<Rules['eligibility']> = {}): Rules['eligibility'] => ({
  newCustomersOnly: true,
  minimumOrderMinor: 0,
  attributionWindowDays: 30,
  attributionModel: 'last_touch',
  ...over,
});
const key = deriveSignatureKey(Buffer.alloc(32, 1), 'merchant-a');

describe('buildFunctionConfig', () => {
  test('a percent offer for new customers, as the code discount carries it', () => {
    expect(
      buildFunctionConfig({
        mode: 'code',
        programVersionId: 'v-1',
        rules: { friendReward: { kind: 'percent_discount', bps: 1500 }, eligibility: eligibility() },
        currency: 'USD',
      }),
    ).toEqual({
      v: 1,
      mode: 'code',
      programVersionId: 'v-1',
      offer: { kind: 'percent_discount', bps: 1500 },
      currency: 'USD',
      currencyExponent: 2,
      minimumSubtotalMinor: 0,
      newCustomersOnly: true,
      message: 'Referral: 15% off your first order',
    });
  });

  test('a fixed offer with a minimum, open to every customer, on the automatic discount', () => {
    const config = buildFunctionConfig({
      mode: 'automatic',
      programVersionId: 'v-2',
      rules: {
        friendReward: { kind: 'fixed_discount', amountMinor: 1000 },
        eligibility: eligibility({ newCustomersOnly: false, minimumOrderMinor: 5000 }),
      },
      currency: 'USD',
      signatureKey: key,
    });
    expect(config).toMatchObject({
      mode: 'automatic',
      offer: { kind: 'fixed_discount', amountMinor: 1000 },
      minimumSubtotalMinor: 5000,
      newCustomersOnly: false,
      message: 'Referral: $10.00 off your order of $50.00 or more',
      signatureKey: key,
    });
  });

  test.each([
    ['JPY', 0, '¥1,500'],
    ['KWD', 3, 'KWD 1.500'],
  ])('%s amounts keep their own exponent (%i)', (currency, exponent, shown) => {
    const config = buildFunctionConfig({
      mode: 'code',
      programVersionId: 'v-3',
      rules: { friendReward: { kind: 'fixed_discount', amountMinor: 1500 }, eligibility: eligibility() },
      currency,
    });
    expect(config?.currencyExponent).toBe(exponent);
    // Intl puts a no-break space between a currency code and the amount.
    expect(config?.message.replace(/\s/g, ' ')).toContain(shown);
  });

  test.each([
    ['no friend reward', null],
    ['store credit', { kind: 'store_credit' as const, amountMinor: 500 }],
    ['a gift card', { kind: 'gift_card' as const, bps: 500 }],
    ['points', { kind: 'points' as const, points: 100 }],
  ])('a programme whose friend reward is %s has no function configuration', (_name, friendReward) => {
    expect(
      buildFunctionConfig({
        mode: 'code',
        programVersionId: 'v',
        rules: { friendReward, eligibility: eligibility() },
        currency: 'USD',
      }),
    ).toBeNull();
  });

  test('the automatic discount needs a 32-byte hex key; the code discount carries none', () => {
    const rules = {
      friendReward: { kind: 'percent_discount' as const, bps: 1000 },
      eligibility: eligibility(),
    };
    expect(() =>
      buildFunctionConfig({ mode: 'automatic', programVersionId: 'v', rules, currency: 'USD' }),
    ).toThrow(/signatureKey/);
    expect(() =>
      buildFunctionConfig({
        mode: 'automatic',
        programVersionId: 'v',
        rules,
        currency: 'USD',
        signatureKey: 'abc',
      }),
    ).toThrow(/32 bytes/);
    const code = buildFunctionConfig({
      mode: 'code',
      programVersionId: 'v',
      rules,
      currency: 'USD',
      signatureKey: key,
    });
    expect(code).not.toHaveProperty('signatureKey');
  });

  test('the schema refuses what the function would refuse', () => {
    const good = buildFunctionConfig({
      mode: 'code',
      programVersionId: 'v',
      rules: { friendReward: { kind: 'percent_discount', bps: 1000 }, eligibility: eligibility() },
      currency: 'USD',
    })!;
    expect(functionConfigSchema.safeParse(good).success).toBe(true);
    for (const bad of [
      { ...good, v: 2 },
      { ...good, offer: { kind: 'percent_discount', bps: 0 } },
      { ...good, offer: { kind: 'percent_discount', bps: 10_001 } },
      { ...good, currency: 'usd' },
      { ...good, minimumSubtotalMinor: -1 },
      { ...good, extra: true },
      { ...good, mode: 'automatic' },
    ]) {
      expect(functionConfigSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
