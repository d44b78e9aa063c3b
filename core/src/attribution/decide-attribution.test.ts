import { describe, expect, test } from 'vitest';
import { type AttributionInput, decideAttribution, type Touch } from './decide-attribution.js';

const ORDER_AT = new Date('2024-06-30T12:00:00.000Z');
const DAY = 86_400_000;
const daysBefore = (days: number) => new Date(ORDER_AT.getTime() - days * DAY);

const touch = (overrides: Partial<Touch> = {}): Touch => ({
  advocateId: 'adv_a',
  advocateCode: 'REF_A',
  advocateCustomerId: 'cust_a',
  advocateEmailNormalized: 'a@example.com',
  codeId: 'code_a',
  source: 'link',
  signal: 'click by visitor v1',
  at: daysBefore(1),
  windowDays: 30,
  ...overrides,
});
const A = {
  advocateId: 'adv_a',
  advocateCode: 'REF_A',
  advocateCustomerId: 'cust_a',
  advocateEmailNormalized: 'a@example.com',
  codeId: 'code_a',
};
const B = {
  advocateId: 'adv_b',
  advocateCode: 'REF_B',
  advocateCustomerId: 'cust_b',
  advocateEmailNormalized: 'b@example.com',
  codeId: 'code_b',
};
const C = {
  advocateId: 'adv_c',
  advocateCode: null,
  advocateCustomerId: null,
  advocateEmailNormalized: null,
  codeId: null,
};

const decide = (touches: Touch[], overrides: Partial<AttributionInput> = {}) =>
  decideAttribution({
    orderAt: ORDER_AT,
    model: 'last_touch',
    friend: { customerId: 'cust_friend', emailNormalized: 'friend@example.com' },
    touches,
    ...overrides,
  });

describe('decideAttribution', () => {
  test.each<[string, Touch[], Partial<AttributionInput>, string | null, string]>([
    ['no touches', [], {}, null, 'no_signals'],
    ['single link click', [touch()], {}, 'adv_a', 'last_touch'],
    ['touch at the order instant counts', [touch({ at: ORDER_AT })], {}, 'adv_a', 'last_touch'],
    [
      'touch after the order is ignored',
      [touch({ at: new Date(ORDER_AT.getTime() + 1) })],
      {},
      null,
      'after_order',
    ],
    ['exactly at the window boundary counts', [touch({ at: daysBefore(30) })], {}, 'adv_a', 'last_touch'],
    [
      '1 ms outside the window',
      [touch({ at: new Date(daysBefore(30).getTime() - 1) })],
      {},
      null,
      'outside_window',
    ],
    [
      'window comes from the touch',
      [touch({ at: daysBefore(45), windowDays: 60 })],
      {},
      'adv_a',
      'last_touch',
    ],
    [
      'zero-day window only counts the instant',
      [touch({ at: ORDER_AT, windowDays: 0 })],
      {},
      'adv_a',
      'last_touch',
    ],
    [
      'last touch picks the latest',
      [touch({ ...A, at: daysBefore(10) }), touch({ ...B, at: daysBefore(2) })],
      {},
      'adv_b',
      'last_touch',
    ],
    [
      'first touch picks the earliest',
      [touch({ ...A, at: daysBefore(10) }), touch({ ...B, at: daysBefore(2) })],
      { model: 'first_touch' },
      'adv_a',
      'first_touch',
    ],
    [
      'first touch skips the out-of-window earliest',
      [
        touch({ ...A, at: daysBefore(40) }),
        touch({ ...B, at: daysBefore(20) }),
        touch({ ...C, at: daysBefore(1) }),
      ],
      { model: 'first_touch' },
      'adv_b',
      'first_touch',
    ],
    [
      'self-referral by customer id is excluded',
      [
        touch({ ...A, advocateCustomerId: 'cust_friend', at: daysBefore(1) }),
        touch({ ...B, at: daysBefore(5) }),
      ],
      {},
      'adv_b',
      'last_touch',
    ],
    [
      'self-referral by normalized email is excluded',
      [touch({ ...A, advocateCustomerId: null, advocateEmailNormalized: 'friend@example.com' })],
      {},
      null,
      'self_referral',
    ],
    [
      'null ids never match each other',
      [touch({ ...C })],
      { friend: { customerId: null, emailNormalized: null } },
      'adv_c',
      'last_touch',
    ],
    [
      'everything discarded: self-referral is reported first',
      [touch({ ...A, advocateCustomerId: 'cust_friend' }), touch({ ...B, at: daysBefore(90) })],
      {},
      null,
      'self_referral',
    ],
    [
      'everything discarded: outside window beats after order',
      [touch({ ...A, at: daysBefore(90) }), touch({ ...B, at: new Date(ORDER_AT.getTime() + DAY) })],
      {},
      null,
      'outside_window',
    ],
    [
      'a cart code does not outrank a later click under last touch',
      [
        touch({ ...A, signal: 'code REF_A carried on the cart', at: daysBefore(3) }),
        touch({ ...B, at: daysBefore(1) }),
      ],
      {},
      'adv_b',
      'last_touch',
    ],
    [
      'a code typed at checkout does not outrank an earlier click under first touch',
      [
        touch({ ...A, at: daysBefore(20) }),
        touch({ ...B, source: 'code', signal: 'referral code REF_B typed at checkout', at: ORDER_AT }),
      ],
      { model: 'first_touch' },
      'adv_a',
      'first_touch',
    ],
    [
      'a code typed at checkout is the last touch',
      [touch({ ...A, at: daysBefore(20) }), touch({ ...B, source: 'code', at: ORDER_AT })],
      {},
      'adv_b',
      'last_touch',
    ],
    [
      'first touch: A then B on the cart credits A',
      [touch({ ...A, at: daysBefore(9) }), touch({ ...B, at: daysBefore(4) })],
      { model: 'first_touch' },
      'adv_a',
      'first_touch',
    ],
    [
      'an out-of-window cart code credits nobody',
      [touch({ ...A, at: daysBefore(31) })],
      {},
      null,
      'outside_window',
    ],
    [
      'same instant: a typed code beats a friend offer code',
      [touch({ ...A, source: 'discount', at: ORDER_AT }), touch({ ...B, source: 'code', at: ORDER_AT })],
      {},
      'adv_b',
      'last_touch',
    ],
    [
      'same instant: link beats deal beats email beats customer',
      [
        touch({ ...A, source: 'customer' }),
        touch({ ...B, source: 'email' }),
        touch({ ...C, source: 'link' }),
        touch({ ...C, advocateId: 'adv_d', source: 'deal' }),
      ],
      {},
      'adv_c',
      'last_touch',
    ],
    [
      'same instant and source: lowest advocate id',
      [touch({ ...B }), touch({ ...A })],
      { model: 'first_touch' },
      'adv_a',
      'first_touch',
    ],
  ])('%s', (_name, touches, overrides, advocateId, rule) => {
    const decision = decide(touches, overrides);
    expect(decision.advocateId).toBe(advocateId);
    expect(decision.credited).toBe(advocateId !== null);
    expect(decision.rule).toBe(rule);
    expect(decision.signals).toHaveLength(touches.length);
    expect(decision.reasons).toHaveLength(touches.length + 1);
  });

  test('reports code, source and the advocate’s earliest eligible touch', () => {
    const decision = decide([
      touch({ ...A, at: daysBefore(40), signal: 'old click' }),
      touch({ ...A, source: 'email', at: daysBefore(12), signal: 'invite email' }),
      touch({
        ...A,
        source: 'discount',
        at: ORDER_AT,
        signal: 'friend offer code FRIENDA used at checkout',
        codeId: 'code_discount',
      }),
      touch({ ...B, at: daysBefore(5) }),
    ]);
    expect(decision).toMatchObject({
      credited: true,
      advocateId: 'adv_a',
      codeId: 'code_discount',
      source: 'discount',
      firstArrivedAt: daysBefore(12),
      rule: 'last_touch',
    });
  });

  test('lists every touch in order of time with its advocate, and names the rule that chose', () => {
    const decision = decide(
      [
        touch({ ...B, at: daysBefore(2), signal: 'link click on /r/REF_B by visitor v2' }),
        touch({ ...A, at: daysBefore(31), signal: 'link click on /r/REF_A by visitor v1' }),
        touch({
          ...C,
          at: daysBefore(10),
          signal: 'email invitation to friend@example.com',
          source: 'email',
        }),
      ],
      {
        model: 'first_touch',
        notes: ['Ignored: code NOPE carried on the cart is not an active referral code'],
      },
    );
    expect(decision.signals).toEqual([
      {
        source: 'link',
        signal: 'link click on /r/REF_A by visitor v1',
        advocateId: 'adv_a',
        advocateCode: 'REF_A',
        at: daysBefore(31).toISOString(),
        eligible: false,
        chosen: false,
        why: 'outside window: 31 days before the order, window is 30 days',
      },
      {
        source: 'email',
        signal: 'email invitation to friend@example.com',
        advocateId: 'adv_c',
        advocateCode: null,
        at: daysBefore(10).toISOString(),
        eligible: true,
        chosen: true,
        why: 'within the 30-day window; chosen by first_touch: earliest touch inside the window',
      },
      {
        source: 'link',
        signal: 'link click on /r/REF_B by visitor v2',
        advocateId: 'adv_b',
        advocateCode: 'REF_B',
        at: daysBefore(2).toISOString(),
        eligible: true,
        chosen: false,
        why: 'within the 30-day window; not chosen: later than the chosen touch (first_touch)',
      },
    ]);
    expect(decision.reasons).toEqual([
      'Ignored: code NOPE carried on the cart is not an active referral code',
      `Discarded: link 'link click on /r/REF_A by visitor v1' for advocate adv_a (code REF_A) at ${daysBefore(31).toISOString()} - outside window: 31 days before the order, window is 30 days`,
      `Kept: email 'email invitation to friend@example.com' for advocate adv_c at ${daysBefore(10).toISOString()} - within the 30-day window; chosen by first_touch: earliest touch inside the window`,
      `Kept: link 'link click on /r/REF_B by visitor v2' for advocate adv_b (code REF_B) at ${daysBefore(2).toISOString()} - within the 30-day window; not chosen: later than the chosen touch (first_touch)`,
      `Credited advocate adv_c via email at ${daysBefore(10).toISOString()} (first_touch: earliest touch inside the window)`,
    ]);
  });

  test.each(['first_touch', 'last_touch'] as const)(
    'under %s, touches at the same instant are settled by a tie-break that the decision names',
    (model) => {
      const decision = decide(
        [touch({ ...B, source: 'link', at: ORDER_AT }), touch({ ...A, source: 'link', at: ORDER_AT })],
        { model },
      );
      expect(decision.advocateId).toBe('adv_a');
      expect(decision.signals.map((s) => [s.advocateId, s.chosen])).toEqual([
        ['adv_a', true],
        ['adv_b', false],
      ]);
      expect(decision.signals[0]?.why).toContain('a tie-break: 2 touches at this instant');
      expect(decision.signals[1]?.why).toContain('lost the tie-break');
      expect(decision.reasons.at(-1)).toContain('tie-break');
    },
  );

  test('last touch says why the earlier touches were not chosen', () => {
    const decision = decide([touch({ ...A, at: daysBefore(9) }), touch({ ...B, at: daysBefore(4) })]);
    expect(decision.signals.map((s) => s.why)).toEqual([
      'within the 30-day window; not chosen: earlier than the chosen touch (last_touch)',
      'within the 30-day window; chosen by last_touch: latest touch inside the window',
    ]);
  });

  test('self-referral reason says which identity matched, masked', () => {
    const byEmail = decide([touch({ advocateEmailNormalized: 'friend@example.com' })]);
    expect(byEmail.signals[0]?.why).toBe(
      "self-referral: the buyer's email f***@example.com is the advocate's own; never credit an advocate for their own order",
    );
    expect(byEmail).toMatchObject({ credited: false, codeId: null, source: null, firstArrivedAt: null });

    const byAccount = decide([
      touch({ advocateCustomerId: 'cust_friend', advocatePlatformCustomerId: '7001234567' }),
    ]);
    expect(byAccount.signals[0]?.why).toBe(
      "self-referral: the buyer's customer account is the advocate's own (customer ***4567); never credit an advocate for their own order",
    );
    const both = decide([
      touch({
        advocateCustomerId: 'cust_friend',
        advocatePlatformCustomerId: '7001234567',
        advocateEmailNormalized: 'friend@example.com',
      }),
    ]);
    expect(both.signals[0]?.why).toContain("(customer ***4567) and the buyer's email f***@example.com");
    // Never the whole value.
    for (const d of [byEmail, byAccount, both]) {
      expect(JSON.stringify(d)).not.toContain('friend@example.com');
      expect(JSON.stringify(d)).not.toContain('7001234567');
    }
  });

  test('does not depend on input order', () => {
    const touches = [touch({ ...A }), touch({ ...B }), touch({ ...C, at: daysBefore(3) })];
    expect(decide([...touches].reverse())).toEqual(decide(touches));
  });
});
