// The referral list against a stand-in API: the URL's filters become the request, rows link to the
// trail, and an order number typed into the search box explains that order even when it was not
// credited.
import { AppProvider, Frame } from '@shopify/polaris';
import en from '@shopify/polaris/locales/en.json';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { ReferralListPage } from './referral-list.js';

globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;

const referral = {
  id: '11111111-1111-4111-8111-111111111111',
  status: 'review',
  source: 'code',
  riskScore: 60,
  orderId: '1001',
  totalMinor: 10_000,
  currency: 'USD',
  advocate: { id: 'a1', email: 'ada@example.com', firstName: 'Ada' },
  friendEmail: 'friend@example.org',
  createdAt: '2026-05-01T10:00:00.000Z',
};

let paths: string[] = [];
beforeEach(() => {
  paths = [];
  window.shopify = { idToken: async () => 'token', sandbox: true } as typeof window.shopify;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      paths.push(url);
      const json = (body: unknown, status = 200) =>
        new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
      if (url.startsWith('/api/referrals'))
        return json({ referrals: [referral], pageInfo: { nextCursor: null } });
      if (url === '/api/review-queue/count') return json({ count: 1 });
      if (url === '/api/orders/555/attribution') {
        return json({
          orderId: '555',
          credited: false,
          decidedBy: 'no_signals',
          reasons: ['No referral link, code, discount or invitation was found for this order.'],
          signals: [],
          referral: null,
          rewards: [],
        });
      }
      return json({ error: 'NOT_FOUND', message: 'Not found.' }, 404);
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const renderAt = (path: string) =>
  render(
    <AppProvider i18n={en}>
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter initialEntries={[path]}>
          <Frame>
            <ReferralListPage />
          </Frame>
        </MemoryRouter>
      </QueryClientProvider>
    </AppProvider>,
  );

test('filters in the URL become the request; each row opens its trail', async () => {
  renderAt('/referrals?status=review,approved&source=code&range=7d');
  const link = await screen.findByRole('link', { name: '#1001' });
  expect(link.getAttribute('href')).toBe(`/referrals/${referral.id}`);
  expect(screen.getByText('Ada (ada@example.com)')).toBeTruthy();
  expect(screen.getByText('$100.00')).toBeTruthy();
  const request = new URL(paths.find((p) => p.startsWith('/api/referrals')) ?? '', 'http://x');
  expect(request.searchParams.get('status')).toBe('review,approved');
  expect(request.searchParams.get('source')).toBe('code');
  const from = Date.parse(request.searchParams.get('from') ?? '');
  const to = Date.parse(request.searchParams.get('to') ?? '');
  expect(Math.round((to - from) / 86_400_000)).toBe(7);
  expect(screen.getByText('Status: Needs review, Approved')).toBeTruthy();
  expect(await screen.findByRole('link', { name: 'Review queue (1)' })).toBeTruthy();
});

test('an order number in the search box explains an order that was not credited', async () => {
  const user = userEvent.setup();
  renderAt('/referrals');
  await screen.findByRole('link', { name: '#1001' });
  await user.type(screen.getByPlaceholderText('Search by order ID'), '#555');
  expect(await screen.findByText('Not credited', {}, { timeout: 3000 })).toBeTruthy();
  expect(screen.getByText('Order #555')).toBeTruthy();
  expect(
    screen.getByText('Not credited: the order carried no referral link, code, discount or invitation.'),
  ).toBeTruthy();
  expect(
    screen.getByText('No referral link, code, discount or invitation was found for this order.'),
  ).toBeTruthy();
  expect(paths).toContain('/api/orders/555/attribution');
});
