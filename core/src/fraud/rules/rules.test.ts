import { describe, expect, test } from 'vitest';
import { buildFraudContext } from '../build-fraud-context.js';
import type { FraudRuleDefinition } from '../define-fraud-rule.js';
import { fraudRules } from '../registry.js';
import { type FraudContext, type FraudRuleType, fraudRuleTypes } from '../types.js';
import { isDisposableDomain } from './disposable-email.js';

const run = (type: FraudRuleType, ctx: FraudContext, config: Record<string, unknown> = {}) => {
  const rule: FraudRuleDefinition = fraudRules[type];
  return rule.evaluate(ctx, rule.configSchema.parse(config));
};

describe('registry', () => {
  test.each(fraudRuleTypes)('%s is registered under its own type and has defaults', (type) => {
    expect(fraudRules[type].type).toBe(type);
    expect(() => fraudRules[type].configSchema.parse({})).not.toThrow();
  });

  test.each(fraudRuleTypes)('%s stays quiet for unrelated people', (type) => {
    expect(run(type, buildFraudContext())).toBeNull();
  });

  test.each<[FraudRuleType, number]>([
    ['self_customer', 100],
    ['self_email', 100],
    ['self_address', 60],
    ['self_ip', 40],
    ['self_visitor', 50],
    ['disposable_email', 50],
    ['velocity', 50],
  ])('%s defaults to score %i', (type, score) => {
    expect(fraudRules[type].configSchema.parse({})).toMatchObject({ score });
  });

  test.each([-1, 101, '50'])('score %j is rejected', (score) => {
    expect(fraudRules.self_ip.configSchema.safeParse({ score }).success).toBe(false);
  });
});

describe('rules fire on matching data', () => {
  test.each<[FraudRuleType, Parameters<typeof buildFraudContext>[0], RegExp]>([
    [
      'self_customer',
      { friend: { customerId: 'cust_advocate' } },
      /advocate's own customer account \(customer \*\*\*5678\)/,
    ],
    [
      'self_customer',
      { advocate: { platformCustomerId: null }, friend: { customerId: 'cust_advocate' } },
      /\(the same customer record\)/,
    ],
    [
      'self_email',
      { friend: { emailNormalized: 'ada@example.com' } },
      /email is the advocate's own .*\(email a\*\*\*@example\.com\)/,
    ],
    [
      'self_address',
      { friend: { addressKey: '1 main st|springfield|12345|us' } },
      /ships to an address .*\(shipping address springfield, 123\*\*, US\)/,
    ],
    ['self_ip', { friend: { ipHash: 'ip_advocate' } }, /IP address .*\(IP fingerprint ip_ad…\)/],
    ['self_visitor', { friend: { visitorId: 'visitor_advocate' } }, /browser .*\(visitor id visi…\)/],
    ['disposable_email', { friend: { emailDomain: 'mailinator.com' } }, /disposable.*mailinator\.com/],
    ['disposable_email', { friend: { emailDomain: 'Mailinator.com' } }, /disposable/],
    ['velocity', { velocity: { referralsLastHour: 6 } }, /6 referrals in the last hour \(limit 5\)/],
    [
      'velocity',
      { velocity: { referralsLastHour: 3, referralsLastDay: 21 } },
      /21 referrals in the last day/,
    ],
  ])('%s: %j', (type, overrides, reason) => {
    const finding = run(type, buildFraudContext(overrides));
    expect(finding?.rule).toBe(type);
    expect(finding?.reason).toMatch(reason);
    expect(finding?.score).toBe(fraudRules[type].configSchema.parse({}).score);
  });

  // The reason names the identity that matched, masked: never the whole value.
  test.each<[FraudRuleType, Parameters<typeof buildFraudContext>[0], string[]]>([
    ['self_customer', { friend: { customerId: 'cust_advocate' } }, ['7012345678', 'cust_advocate']],
    ['self_email', { friend: { emailNormalized: 'ada@example.com' } }, ['ada@']],
    ['self_address', { friend: { addressKey: '1 main st|springfield|12345|us' } }, ['1 main st', '12345']],
    ['self_ip', { friend: { ipHash: 'ip_advocate' } }, ['ip_advocate']],
    ['self_visitor', { friend: { visitorId: 'visitor_advocate' } }, ['visitor_advocate']],
  ])('%s does not show the whole value', (type, overrides, hidden) => {
    const reason = run(type, buildFraudContext(overrides))?.reason ?? '';
    expect(reason).not.toBe('');
    for (const value of hidden) expect(reason).not.toContain(value);
  });

  test('configured score is used', () => {
    expect(
      run('self_ip', buildFraudContext({ friend: { ipHash: 'ip_advocate' } }), { score: 7 })?.score,
    ).toBe(7);
  });
});

describe('rules ignore missing data (null never equals null)', () => {
  test.each<[FraudRuleType, Parameters<typeof buildFraudContext>[0]]>([
    ['self_customer', { advocate: { customerId: null }, friend: { customerId: null } }],
    ['self_email', { advocate: { emailNormalized: null }, friend: { emailNormalized: null } }],
    ['self_address', { friend: { addressKey: null } }],
    ['self_ip', { friend: { ipHash: null } }],
    ['self_visitor', { friend: { visitorId: null } }],
    ['disposable_email', { friend: { emailDomain: null } }],
    ['velocity', { velocity: { referralsLastHour: 5, referralsLastDay: 20 } }], // at the limit is fine
  ])('%s: %j', (type, overrides) => {
    expect(run(type, buildFraudContext(overrides))).toBeNull();
  });
});

describe('velocity config', () => {
  test.each([
    [{ maxPerHour: 2 }, { referralsLastHour: 3 }, true],
    [{ maxPerHour: 2 }, { referralsLastHour: 2 }, false],
    [{ maxPerDay: 3 }, { referralsLastDay: 4 }, true],
    [{ maxPerDay: 3 }, { referralsLastDay: 3 }, false],
  ])('%j with %j fires=%s', (config, velocity, fires) => {
    expect(run('velocity', buildFraudContext({ velocity }), config) !== null).toBe(fires);
  });
});

describe('isDisposableDomain', () => {
  test.each<[string, string[], boolean]>([
    ['mailinator.com', [], true],
    ['gmail.com', [], false],
    ['example.com', [], false],
    ['anything.33mail.com', [], true], // the wildcard list covers subdomains
    ['a.b.mailinator.com', [], true],
    ['0-mail.com', [], true],
    ['sub.0-mail.com', [], false], // the exact list does not
    ['throwaway.test', ['throwaway.test'], true],
    ['a.throwaway.test', ['throwaway.test'], true],
  ])('%s (extra %j) -> %s', (domain, extra, expected) => {
    expect(isDisposableDomain(domain, extra)).toBe(expected);
  });
});
