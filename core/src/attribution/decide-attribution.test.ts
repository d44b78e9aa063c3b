import { describe, expect, test } from 'vitest';
import { type AttributionInput, decideAttribution, type Touch } from './decide-attribution.js';

const ORDER_AT = new Date('2024-06-30T12:00:00.000Z');
const DAY = 86_400_000;
const daysBefore = (days: number) => new Date(ORDER_AT.getTime() - days * DAY);

const touch = (overrides: Partial<Touch> = {}): Touch => ({
  advocateId: 'adv_a',
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
  advocateCustomerId: 'cust_a',
  advocateEmailNormalized: 'a@example.com',
  codeId: 'code_a',
};
const B = {
  advocateId: 'adv_b',
  advocateCustomerId: 'cust_b',
  advocateEmailNormalized: 'b@example.com',
  codeId: 'code_b',
};
const C = { advocateId: 'adv_c', advocateCustomerId: null, advocateEmailNormalized: null, codeId: null };

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
      'explicit code beats a later click under last touch',
      [
        touch({ ...A, source: 'code', signal: 'cart attribute REF_A', at: daysBefore(3) }),
        touch({ ...B, at: daysBefore(1) }),
      ],
      {},
      'adv_a',
      'explicit_signal',
    ],
    [
      'explicit discount beats an earlier click under first touch',
      [
        touch({ ...A, at: daysBefore(20) }),
        touch({ ...B, source: 'discount', signal: 'discount code FRIEND-B', at: ORDER_AT }),
      ],
      { model: 'first_touch' },
      'adv_b',
      'explicit_signal',
    ],
    [
      'an out-of-window explicit signal does not beat history',
      [
        touch({ ...A, source: 'code', at: daysBefore(31) }),
        touch({ ...B, source: 'email', at: daysBefore(2) }),
      ],
      {},
      'adv_b',
      'last_touch',
    ],
    [
      'same instant: discount beats code',
      [touch({ ...A, source: 'code', at: ORDER_AT }), touch({ ...B, source: 'discount', at: ORDER_AT })],
      {},
      'adv_b',
      'explicit_signal',
    ],
    [
      'same instant: link beats email beats customer',
      [
        touch({ ...A, source: 'customer' }),
        touch({ ...B, source: 'email' }),
        touch({ ...C, source: 'link' }),
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
        signal: 'discount code FRIEND-A',
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
      rule: 'explicit_signal',
    });
  });

  test('explains every touch in order of time', () => {
    const decision = decide([
      touch({ ...B, at: daysBefore(2), signal: 'click by visitor v2' }),
      touch({ ...A, at: daysBefore(31), signal: 'click by visitor v1' }),
      touch({ ...C, source: 'code', at: daysBefore(1), signal: 'cart attribute REF_C' }),
    ]);
    expect(decision.signals).toEqual([
      {
        source: 'link',
        signal: 'click by visitor v1',
        advocateId: 'adv_a',
        at: daysBefore(31).toISOString(),
        eligible: false,
        why: 'outside window: 31 days before the order, window is 30 days',
      },
      {
        source: 'link',
        signal: 'click by visitor v2',
        advocateId: 'adv_b',
        at: daysBefore(2).toISOString(),
        eligible: true,
        why: 'within the 30-day window; outranked by an explicit signal on the order',
      },
      {
        source: 'code',
        signal: 'cart attribute REF_C',
        advocateId: 'adv_c',
        at: daysBefore(1).toISOString(),
        eligible: true,
        why: 'within the 30-day window; credited (explicit signal on the order)',
      },
    ]);
    expect(decision.reasons[0]).toBe(
      `Discarded: link 'click by visitor v1' for advocate adv_a at ${daysBefore(31).toISOString()} - outside window: 31 days before the order, window is 30 days`,
    );
    expect(decision.reasons.at(-1)).toBe('Credited advocate adv_c via code (explicit_signal)');
  });

  test('self-referral reason is spelled out', () => {
    const decision = decide([touch({ advocateEmailNormalized: 'friend@example.com' })]);
    expect(decision.signals[0]?.why).toBe('self-referral: never credit an advocate for their own order');
    expect(decision).toMatchObject({ credited: false, codeId: null, source: null, firstArrivedAt: null });
  });

  test('does not depend on input order', () => {
    const touches = [touch({ ...A }), touch({ ...B }), touch({ ...C, at: daysBefore(3) })];
    expect(decide([...touches].reverse())).toEqual(decide(touches));
  });
});
