import { describe, expect, test } from 'vitest';
import { buildFraudContext } from './build-fraud-context.js';
import { evaluateFraud, type FraudDecision } from './evaluate-fraud.js';
import { type FraudSettingsInput, fraudSettingsSchema } from './fraud-settings.js';
import { type FraudRuleType, fraudRuleTypes } from './types.js';

const settings = (input: FraudSettingsInput = {}) => fraudSettingsSchema.parse(input);

describe('fraudSettingsSchema', () => {
  test('parses {} to the defaults', () => {
    expect(fraudSettingsSchema.parse({})).toEqual({ reviewAt: 50, rejectAt: 80, rules: {} });
  });

  test('fills rule defaults and enabled', () => {
    const parsed = settings({ rules: { velocity: { maxPerHour: 2 }, self_ip: { enabled: false } } });
    expect(parsed.rules.velocity).toEqual({ score: 50, maxPerHour: 2, maxPerDay: 20, enabled: true });
    expect(parsed.rules.self_ip).toEqual({ score: 40, enabled: false });
  });

  test.each<[string, unknown]>([
    ['reviewAt above rejectAt', { reviewAt: 90, rejectAt: 80 }],
    ['threshold above 100', { rejectAt: 101 }],
    ['bad rule score', { rules: { self_email: { score: 200 } } }],
    ['bad enabled', { rules: { self_email: { enabled: 'no' } } }],
  ])('rejects %s', (_name, input) => {
    expect(fraudSettingsSchema.safeParse(input).success).toBe(false);
  });
});

// Each rule's finding alone, under the defaults (`fraudSettingsSchema.parse({})`): the outcome its
// reason claims. A "Self-referral" is rejected, a "Possible self-referral", "Suspicious" or
// "Unusual volume" finding waits for a person, a "Shared network" finding alone changes nothing.
describe('default settings: what a lone finding of each rule does', () => {
  const lone: Record<FraudRuleType, Parameters<typeof buildFraudContext>[0]> = {
    self_customer: { friend: { customerId: 'cust_advocate' } },
    self_email: { friend: { emailNormalized: 'ada@example.com' } },
    self_address: { friend: { addressKey: '1 main st|springfield|12345|us' } },
    self_ip: { friend: { ipHash: 'ip_advocate' } },
    self_visitor: { friend: { visitorId: 'visitor_advocate' } },
    disposable_email: { friend: { emailDomain: 'mailinator.com' } },
    velocity: { velocity: { referralsLastHour: 6 } },
  };

  test.each<[FraudRuleType, FraudDecision, RegExp]>([
    ['self_customer', 'reject', /^Self-referral: .*customer \*\*\*5678/],
    ['self_email', 'reject', /^Self-referral: .*email a\*\*\*@example\.com/],
    ['self_address', 'review', /^Possible self-referral: .*shipping address springfield, 123\*\*, US/],
    ['self_ip', 'approve', /^Shared network: .*IP fingerprint ip_ad…\); .*only counts with another match/],
    ['self_visitor', 'review', /^Possible self-referral: .*visitor id visi…/],
    ['disposable_email', 'review', /^Suspicious: .*disposable.*mailinator\.com/],
    ['velocity', 'review', /^Unusual volume: .*6 referrals in the last hour \(limit 5\)/],
  ])('%s alone -> %s', (type, decision, reason) => {
    const result = evaluateFraud(buildFraudContext(lone[type]), settings());
    expect(result.findings.map((f) => f.rule)).toEqual([type]);
    expect(result.decision).toBe(decision);
    expect(result.findings[0]?.reason).toMatch(reason);
  });

  test('every rule is in the table', () => {
    expect(Object.keys(lone).sort()).toEqual([...fraudRuleTypes].sort());
  });

  test.each<FraudRuleType>(['self_address', 'self_visitor', 'disposable_email', 'velocity'])(
    'a shared network with %s is rejected',
    (type) => {
      const ctx = buildFraudContext(lone[type]);
      const both = { ...ctx, friend: { ...ctx.friend, ipHash: 'ip_advocate' } };
      expect(evaluateFraud(both, settings()).decision).toBe('reject');
    },
  );
});

describe('evaluateFraud', () => {
  test('a clean referral is approved with no findings', () => {
    expect(evaluateFraud(buildFraudContext(), settings())).toEqual({
      score: 0,
      findings: [],
      decision: 'approve',
    });
  });

  test.each<[string, Parameters<typeof buildFraudContext>[0], FraudSettingsInput, number, string]>([
    ['same IP only', { friend: { ipHash: 'ip_advocate' } }, {}, 40, 'approve'],
    ['velocity only', { velocity: { referralsLastDay: 21 } }, {}, 50, 'review'],
    ['same visitor only', { friend: { visitorId: 'visitor_advocate' } }, {}, 50, 'review'],
    ['same address only', { friend: { addressKey: '1 main st|springfield|12345|us' } }, {}, 60, 'review'],
    ['IP + visitor', { friend: { ipHash: 'ip_advocate', visitorId: 'visitor_advocate' } }, {}, 90, 'reject'],
    ['same email', { friend: { emailNormalized: 'ada@example.com' } }, {}, 100, 'reject'],
    [
      'everything: capped at 100',
      { friend: { customerId: 'cust_advocate', emailNormalized: 'ada@example.com', ipHash: 'ip_advocate' } },
      {},
      100,
      'reject',
    ],
    ['exactly reviewAt', { friend: { ipHash: 'ip_advocate' } }, { reviewAt: 40 }, 40, 'review'],
    ['exactly rejectAt', { friend: { ipHash: 'ip_advocate' } }, { reviewAt: 10, rejectAt: 40 }, 40, 'reject'],
    ['just below reviewAt', { friend: { ipHash: 'ip_advocate' } }, { reviewAt: 41 }, 40, 'approve'],
    [
      'disabled rule does not count',
      { friend: { emailNormalized: 'ada@example.com' } },
      { rules: { self_email: { enabled: false } } },
      0,
      'approve',
    ],
    [
      'configured score',
      { friend: { emailNormalized: 'ada@example.com' } },
      { rules: { self_email: { score: 55 } } },
      55,
      'review',
    ],
  ])('%s', (_name, overrides, input, score, decision) => {
    const result = evaluateFraud(buildFraudContext(overrides), settings(input));
    expect(result.score).toBe(score);
    expect(result.decision).toBe(decision);
  });

  test('lists every finding with its own score, in registry order', () => {
    const result = evaluateFraud(
      buildFraudContext({ friend: { ipHash: 'ip_advocate', emailDomain: 'mailinator.com' } }),
      settings(),
    );
    expect(result.findings.map(({ rule, score }) => [rule, score])).toEqual([
      ['self_ip', 40],
      ['disposable_email', 50],
    ]);
    expect(result.score).toBe(90);
  });
});
