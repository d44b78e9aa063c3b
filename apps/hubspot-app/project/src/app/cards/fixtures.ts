// Test builders for backend answers and the fake HTTP edge (not imported by the card itself).
import type { CardFetcher } from './api';
import type { Advocate, CardPayload, ReferredBy } from './card-payload';

export const aReferredBy = (overrides: Partial<ReferredBy> = {}): ReferredBy => ({
  advocateName: 'Ann Lee',
  advocateEmail: 'ann@example.com',
  source: 'code',
  code: 'ANN10',
  at: '2026-05-01T15:00:00.000Z',
  ...overrides,
});

export const anAdvocate = (overrides: Partial<Advocate> = {}): Advocate => ({
  code: 'BOB-7Q2',
  link: 'https://shop.example.com/r/BOB-7Q2',
  score: {
    score: 72,
    version: 2,
    components: [
      {
        key: 'referrals',
        label: 'Successful referrals',
        points: 40,
        max: 50,
        detail: '4 rewarded in 90 days',
      },
      { key: 'revenue', label: 'Referred revenue', points: 22, max: 30, detail: '$1,234.50 net of refunds' },
      { key: 'reach', label: 'Reach', points: 10, max: 20, detail: '35 link clicks' },
    ],
  },
  referrals: [
    {
      friend: 'c***@example.org',
      status: 'rewarded',
      orderTotalMinor: 12345,
      currency: 'USD',
      at: '2026-04-02T12:00:00.000Z',
    },
    {
      friend: 'Dana',
      status: 'review',
      orderTotalMinor: null,
      currency: 'USD',
      at: '2026-04-20T12:00:00.000Z',
    },
  ],
  revenueMinor: 123450,
  currency: 'USD',
  rewards: { earnedMinor: 2500, pendingMinor: 1000, currency: 'USD' },
  ...overrides,
});

export const aPayload = (overrides: Partial<CardPayload> = {}): CardPayload => ({
  status: 'ok',
  contact: { email: 'bob@example.com' },
  referredBy: null,
  advocate: anAdvocate(),
  ...overrides,
});

export const jsonResponse = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * A fetcher that gives the scripted answers in order (a pending promise lets a test hold the card in
 * its loading state) and records every call.
 */
export function scriptedFetcher(...answers: Array<Response | Error | Promise<Response>>) {
  const calls: Array<{ url: string; options: { method: 'GET'; timeout: number } }> = [];
  const fetcher: CardFetcher = async (url, options) => {
    calls.push({ url, options });
    const answer = answers.shift();
    if (answer === undefined) throw new Error('scriptedFetcher: no answer left');
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { fetcher, calls };
}
