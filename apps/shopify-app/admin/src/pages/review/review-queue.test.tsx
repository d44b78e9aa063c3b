// The review queue against a stand-in API: each flagged referral with its reasons and evidence; a
// note is required (the server's field error shows inline); after approving, the referral leaves
// the queue and the page says its reward is pending.
import type { ReviewQueueItem } from '@referrals/shopify-app/admin-contract';
import { AppProvider, Frame } from '@shopify/polaris';
import en from '@shopify/polaris/locales/en.json';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { ReviewQueuePage } from './review-queue.js';

const item: ReviewQueueItem = {
  id: '11111111-1111-4111-8111-111111111111',
  status: 'review',
  source: 'code',
  riskScore: 60,
  createdAt: '2026-05-01T10:00:00.000Z',
  orderId: '1001',
  totalMinor: 10_000,
  currency: 'USD',
  friendEmail: 'friend@example.org',
  advocate: { id: 'a1', email: 'ada@example.com', firstName: 'Ada' },
  qualification: [],
  findings: [
    {
      rule: 'self_address',
      score: 60,
      reason: "Friend's address matches one of the advocate's addresses",
      evidence: [
        { label: 'Shipping address', value: '12 oak st, springfield, 12345, US' },
        { label: "Same address on the advocate's orders", value: '#990' },
      ],
    },
  ],
};

// jsdom has no ResizeObserver; Polaris's text fields watch their size with one.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;

let queue: ReviewQueueItem[] = [];
let posts: unknown[] = [];
beforeEach(() => {
  queue = [item];
  posts = [];
  window.shopify = { idToken: async () => 'token', sandbox: true } as typeof window.shopify;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const json = (body: unknown, status = 200) =>
        new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
      if (url === '/api/review-queue') return json({ referrals: queue });
      if (url === `/api/referrals/${item.id}/review` && init.method === 'POST') {
        const body = JSON.parse(String(init.body)) as { verdict: string; note: string };
        posts.push(body);
        if (!body.note.trim()) {
          return json(
            {
              error: 'VALIDATION',
              message: 'Some fields need your attention.',
              fields: { note: ['Add a note saying why.'] },
            },
            400,
          );
        }
        queue = [];
        return json({ referral: { id: item.id, status: 'approved' } });
      }
      return json({ error: 'NOT_FOUND', message: 'Not found.' }, 404);
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const renderQueue = () =>
  render(
    <AppProvider i18n={en}>
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter>
          <Frame>
            <ReviewQueuePage />
          </Frame>
        </MemoryRouter>
      </QueryClientProvider>
    </AppProvider>,
  );

test('shows the reasons and evidence; approving with a note empties the queue and says the reward is pending', async () => {
  const user = userEvent.setup();
  renderQueue();
  expect(await screen.findByText("Friend's address matches one of the advocate's addresses")).toBeTruthy();
  expect(screen.getByText('12 oak st, springfield, 12345, US')).toBeTruthy();
  expect(screen.getByText('#990')).toBeTruthy();
  expect(screen.getByText(/Order #1001 · \$100\.00/)).toBeTruthy();

  // No note: the server's field error shows under the field.
  await user.click(screen.getByRole('button', { name: 'Approve' }));
  expect(await screen.findByText('Add a note saying why.')).toBeTruthy();

  await user.type(screen.getByLabelText('Note'), 'Flatmates, checked by phone.');
  await user.click(screen.getByRole('button', { name: 'Approve' }));
  expect(await screen.findByText('Order #1001 approved')).toBeTruthy();
  expect(screen.getByText(/Its reward is pending: it is issued when the programme's hold ends/)).toBeTruthy();
  expect(screen.getByText('Referral approved. Its reward is pending.')).toBeTruthy(); // the toast
  await waitFor(() => expect(screen.getByText('Nothing to review')).toBeTruthy());
  expect(posts.at(-1)).toEqual({ verdict: 'approve', note: 'Flatmates, checked by phone.' });
});
