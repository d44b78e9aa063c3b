// The trail in words: every event in time order (order, decision and its signals, status moves with
// who and why, the risk behind the engine's verdict, rewards, refunds, claw-backs).
import type { ReferralTrail as Trail } from '@referrals/shopify-app/admin-contract';
import { AppProvider } from '@shopify/polaris';
import en from '@shopify/polaris/locales/en.json';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, test } from 'vitest';
import { buildTrail, ReferralTrail } from './referral-trail.js';
import { formatDateTime } from './referral-words.js';

const at = (minute: number) => new Date(Date.UTC(2026, 4, 1, 10, minute)).toISOString();

const trail: Trail = {
  referral: {
    id: '11111111-1111-4111-8111-111111111111',
    status: 'approved',
    source: 'code',
    riskScore: 60,
    createdAt: at(1),
    updatedAt: at(30),
    firstArrivedAt: at(0),
    friendEmail: 'friend@example.org',
    advocate: { id: 'a1', email: 'ada@example.com', firstName: 'Ada' },
  },
  order: {
    orderId: '1001',
    totalMinor: 10_000,
    subtotalMinor: 9_000,
    currency: 'USD',
    refundedMinor: 2_500,
    placedAt: at(0),
    paidAt: at(0),
    cancelledAt: null,
  },
  attribution: {
    credited: true,
    rule: 'explicit_signal',
    decidedAt: at(1),
    reasons: ['Cart attribute ADA10 belongs to Ada.', 'Credited: explicit signal.'],
    signals: [
      {
        source: 'code',
        signal: 'cart attribute ADA10',
        advocateId: 'a1',
        at: at(0),
        eligible: true,
        why: 'within the window',
      },
      {
        source: 'link',
        signal: 'click by visitor v9',
        advocateId: 'a2',
        at: at(0),
        eligible: false,
        why: 'an explicit signal beat it',
      },
    ],
  },
  qualification: ['Judged by program version 1.', 'Held for review: risk score 60 >= 50.'],
  findings: [
    {
      rule: 'self_address',
      score: 60,
      reason: "Friend's address matches one of the advocate's addresses",
      evidence: [{ label: 'Shipping address', value: '12 oak st, springfield, 12345, US' }],
    },
  ],
  transitions: [
    {
      from: null,
      to: 'pending',
      at: at(1),
      actor: null,
      note: null,
      cause: 'Created when the order was credited to the advocate.',
    },
    {
      from: 'pending',
      to: 'review',
      at: at(1),
      actor: null,
      note: null,
      cause: 'Held for review automatically.',
    },
    {
      from: 'review',
      to: 'approved',
      at: at(30),
      actor: 'staff:42',
      note: 'Flatmates, checked.',
      cause: 'Approved in the review queue.',
    },
  ],
  transitionsRecorded: false,
  refunds: [{ id: 'f1', amountMinor: 2_500, currency: 'USD', occurredAt: at(40) }],
  rewards: [
    {
      id: 'r1',
      recipient: 'advocate',
      kind: 'store_credit',
      status: 'held',
      amountMinor: 1_000,
      reversedMinor: 250,
      currency: 'USD',
      reason: 'advocate reward',
      createdAt: at(30),
      holdUntil: new Date(Date.UTC(2026, 4, 15, 10, 30)).toISOString(),
      releasedAt: null,
      issuedAt: null,
      clawbacks: [],
    },
  ],
};

describe('buildTrail', () => {
  test('tells the story oldest first, in words', () => {
    expect(buildTrail(trail).map((e) => e.title)).toEqual([
      'Order #1001 placed for $100.00.',
      "Credited because the friend used the advocate's code or discount at checkout.",
      'Referral created (Pending).',
      'Status changed from Pending to Needs review.',
      'Status changed from Needs review to Approved.',
      "The advocate's reward granted: $10.00 store credit.",
      'Refund of $25.00.',
    ]);
  });

  test('the signals seen, counted or not, sit with the decision', () => {
    const decision = buildTrail(trail)[1];
    expect(decision?.details).toEqual([
      'Referral code at checkout — cart attribute ADA10: counted (within the window)',
      'Referral link — click by visitor v9: not counted (an explicit signal beat it)',
    ]);
  });

  test("a signal's recorded times and rule keys read as words, not ISO strings", () => {
    const seen = at(5);
    const withTimes = {
      ...trail,
      attribution: {
        ...trail.attribution,
        signals: [
          {
            source: 'link',
            signal: `code ADA10 carried on the cart from a link or ?ref= URL, first seen ${seen} by the theme embed`,
            advocateId: 'a1',
            at: seen,
            eligible: false,
            why: 'outside window: 31 days before the order, window is 30 days; not chosen by last_touch',
          },
        ],
      },
    };
    const [line] = buildTrail(withTimes)[1]?.details ?? [];
    expect(line).toBe(
      `Referral link — code ADA10 carried on the cart from a link or ?ref= URL, first seen ${formatDateTime(seen)} by the theme embed: not counted (outside window: 31 days before the order, window is 30 days; not chosen by last touch)`,
    );
    expect(line).not.toContain(seen);
  });

  test("the engine's verdict carries the risk findings; the reviewer's carries who and the note", () => {
    const [, , , held, approved] = buildTrail(trail);
    expect(held?.details).toContain(
      "Risk score 60: Friend's address matches one of the advocate's addresses (+60)",
    );
    expect(held?.actor).toBeNull();
    expect(approved).toMatchObject({ actor: 'staff:42' });
    expect(approved?.details).toEqual(['Approved in the review queue.', 'Note: “Flatmates, checked.”']);
  });

  test('issued rewards, claw-backs and a cancellation take their place in time', () => {
    const later: Trail = {
      ...trail,
      order: trail.order ? { ...trail.order, cancelledAt: at(50) } : null,
      rewards: trail.rewards.map((r) => ({
        ...r,
        status: 'reversed' as const,
        releasedAt: at(31),
        issuedAt: at(32),
        clawbacks: [
          {
            id: 'c1',
            amountMinor: 750,
            recoveredMinor: 750,
            status: 'done' as const,
            createdAt: at(50),
            completedAt: at(51),
          },
        ],
      })),
    };
    expect(
      buildTrail(later)
        .slice(-6)
        .map((e) => e.title),
    ).toEqual([
      "The advocate's reward released for issuing.",
      "The advocate's reward issued.",
      'Refund of $25.00.',
      'Order #1001 cancelled.',
      "Claw-back of $7.50 requested from the advocate's reward.",
      'Claw-back done: $7.50 recovered.',
    ]);
  });
});

describe('<ReferralTrail>', () => {
  afterEach(cleanup);
  const renderTrail = (t: Trail) =>
    render(
      <AppProvider i18n={en}>
        <ReferralTrail trail={t} />
      </AppProvider>,
    );

  test('lists each event with its time, who did it and the note', () => {
    renderTrail(trail);
    const list = screen.getByRole('list', { name: 'What happened' });
    expect(list.children).toHaveLength(7);
    expect(within(list).getByText('Refund of $25.00.')).toBeTruthy();
    expect(screen.getByText('Status changed from Needs review to Approved.')).toBeTruthy();
    expect(screen.getByText('by staff member 42')).toBeTruthy();
    expect(screen.getByText('Note: “Flatmates, checked.”')).toBeTruthy();
    expect(screen.getByText(/Pending until/)).toBeTruthy();
  });

  test('says when the times of status changes are worked out rather than recorded', () => {
    const { unmount } = renderTrail(trail);
    expect(screen.getByText(/worked out from the referral, the audit log/)).toBeTruthy();
    unmount();
    renderTrail({ ...trail, transitionsRecorded: true });
    expect(screen.queryByText(/worked out from the referral/)).toBeNull();
  });
});
