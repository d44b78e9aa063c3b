import { describe, expect, test } from 'vitest';
import { DomainError } from '../errors.js';
import { type Caps, capsSchema } from '../programs/index.js';
import { type CapCheck, type CapUsage, checkCaps } from './caps.js';

const fresh: CapUsage = { monthCount: 0, monthAmountMinor: 0, lifetimeCount: 0, lifetimeAmountMinor: 0 };
const used = (overrides: Partial<CapUsage>): CapUsage => ({ ...fresh, ...overrides });

describe('checkCaps', () => {
  test.each<[string, Caps, CapUsage, number, CapCheck]>([
    ['no caps', {}, used({ lifetimeCount: 999 }), 1_000, { allowed: true, amountMinor: 1_000, reason: null }],
    [
      'under monthly count',
      { perAdvocatePerMonth: { count: 3 } },
      used({ monthCount: 2 }),
      1_000,
      { allowed: true, amountMinor: 1_000, reason: null },
    ],
    [
      'monthly count reached',
      { perAdvocatePerMonth: { count: 3 } },
      used({ monthCount: 3 }),
      1_000,
      { allowed: false, amountMinor: 0, reason: 'The monthly cap of 3 rewards is reached' },
    ],
    [
      'lifetime count reached',
      { lifetime: { count: 10 } },
      used({ monthCount: 1, lifetimeCount: 10 }),
      1_000,
      { allowed: false, amountMinor: 0, reason: 'The lifetime cap of 10 rewards is reached' },
    ],
    [
      'count cap of 0 blocks everything',
      { lifetime: { count: 0 } },
      fresh,
      1_000,
      { allowed: false, amountMinor: 0, reason: 'The lifetime cap of 0 rewards is reached' },
    ],
    [
      'count cap wins over amount trimming',
      { perAdvocatePerMonth: { count: 1, amountMinor: 5_000 } },
      used({ monthCount: 1, monthAmountMinor: 4_500 }),
      1_000,
      { allowed: false, amountMinor: 0, reason: 'The monthly cap of 1 rewards is reached' },
    ],
    [
      'fits monthly amount exactly',
      { perAdvocatePerMonth: { amountMinor: 5_000 } },
      used({ monthAmountMinor: 4_000 }),
      1_000,
      { allowed: true, amountMinor: 1_000, reason: null },
    ],
    [
      'trimmed to monthly remainder',
      { perAdvocatePerMonth: { amountMinor: 5_000 } },
      used({ monthAmountMinor: 4_500 }),
      1_000,
      {
        allowed: true,
        amountMinor: 500,
        reason: 'Reduced from 1000 to 500 to fit the monthly amount cap of 5000',
      },
    ],
    [
      'monthly amount exhausted',
      { perAdvocatePerMonth: { amountMinor: 5_000 } },
      used({ monthAmountMinor: 5_000 }),
      1_000,
      { allowed: false, amountMinor: 0, reason: 'The monthly reward amount cap of 5000 is reached' },
    ],
    [
      'over-used (cap lowered later) counts as exhausted',
      { lifetime: { amountMinor: 5_000 } },
      used({ lifetimeAmountMinor: 7_000 }),
      1_000,
      { allowed: false, amountMinor: 0, reason: 'The lifetime reward amount cap of 5000 is reached' },
    ],
    [
      'tighter of two amount caps wins (lifetime)',
      { perAdvocatePerMonth: { amountMinor: 5_000 }, lifetime: { amountMinor: 20_000 } },
      used({ monthAmountMinor: 4_000, lifetimeAmountMinor: 19_700 }),
      1_000,
      {
        allowed: true,
        amountMinor: 300,
        reason: 'Reduced from 1000 to 300 to fit the lifetime amount cap of 20000',
      },
    ],
    [
      'tighter of two amount caps wins (monthly)',
      { perAdvocatePerMonth: { amountMinor: 5_000 }, lifetime: { amountMinor: 20_000 } },
      used({ monthAmountMinor: 4_800, lifetimeAmountMinor: 19_500 }),
      1_000,
      {
        allowed: true,
        amountMinor: 200,
        reason: 'Reduced from 1000 to 200 to fit the monthly amount cap of 5000',
      },
    ],
    [
      'zero-value reward passes while room remains',
      { lifetime: { amountMinor: 5_000 } },
      used({ lifetimeAmountMinor: 100 }),
      0,
      { allowed: true, amountMinor: 0, reason: null },
    ],
    [
      'zero-value reward blocked when nothing remains',
      { lifetime: { amountMinor: 5_000 } },
      used({ lifetimeAmountMinor: 5_000 }),
      0,
      { allowed: false, amountMinor: 0, reason: 'The lifetime reward amount cap of 5000 is reached' },
    ],
  ])('%s', (_name, caps, usage, amountMinor, expected) => {
    expect(checkCaps(caps, usage, { amountMinor })).toEqual(expected);
  });

  test.each([-1, 1.5])('rejects reward amount %s', (amountMinor) => {
    expect(() => checkCaps({}, fresh, { amountMinor })).toThrow(DomainError);
  });
});

describe('capsSchema', () => {
  test.each<[unknown, boolean]>([
    [{}, true],
    [{ perAdvocatePerMonth: { count: 5 } }, true],
    [{ lifetime: { count: 0, amountMinor: 10_000 } }, true],
    [{ lifetime: { count: -1 } }, false],
    [{ perAdvocatePerMonth: { amountMinor: 1.5 } }, false],
  ])('%j valid=%s', (input, ok) => {
    expect(capsSchema.safeParse(input).success).toBe(ok);
  });
});
