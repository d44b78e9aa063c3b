import type { Reward } from '@referrals/shopify-app/admin-contract';
import { AppProvider, Frame } from '@shopify/polaris';
import en from '@shopify/polaris/locales/en.json';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import {
  describeClawback,
  describeIssueAttempts,
  describeRewardValue,
  shopifyIdLabel,
} from './reward-format.js';
import { RewardListPage } from './reward-list.js';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

function reward(overrides: Partial<Reward> = {}): Reward {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    referralId: null,
    recipient: 'advocate',
    recipientEmail: 'ada@example.com',
    recipientName: 'Ada',
    kind: 'store_credit',
    amount: usd(1000),
    bps: null,
    reversed: usd(0),
    status: 'pending',
    reason: 'Referral of order 1001',
    createdAt: '2026-05-01T10:00:00.000Z',
    holdUntil: '2026-05-15T10:00:00.000Z',
    releasedAt: null,
    issuedAt: null,
    platformRef: null,
    issueError: null,
    issueAttempts: 0,
    lastIssueAttemptAt: null,
    clawback: null,
    ...overrides,
  };
}

const failed = reward({
  id: '00000000-0000-4000-8000-000000000002',
  recipientName: 'Grace',
  recipientEmail: 'grace@example.com',
  status: 'failed',
  releasedAt: '2026-05-15T10:00:00.000Z',
  issueError: 'Shopify did not confirm the reward after 8 attempts.',
});
const issued = reward({
  id: '00000000-0000-4000-8000-000000000003',
  recipientName: null,
  recipientEmail: 'linus@example.com',
  status: 'issued',
  releasedAt: '2026-05-15T10:00:00.000Z',
  issuedAt: '2026-05-15T10:01:00.000Z',
  platformRef: 'gid://shopify/StoreCreditAccountTransaction/77',
});

type Call = { url: string; method: string };
let calls: Call[];

function stubApi(list: Reward[]) {
  calls = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      calls.push({ url: input, method: init?.method ?? 'GET' });
      if (input.startsWith('/api/rewards/export.csv'))
        return new Response('"Created"\r\n', {
          headers: {
            'content-type': 'text/csv',
            'content-disposition': 'attachment; filename="rewards-2026-05-20.csv"',
          },
        });
      if (input.endsWith('/retry')) return Response.json({ status: 'queued' });
      return Response.json({ rewards: list, pageInfo: { nextCursor: null } });
    }),
  );
}

function renderPage(path = '/rewards') {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <AppProvider i18n={en}>
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[path]}>
          {/* The standalone App's Frame (toasts need one). */}
          <Frame>
            <RewardListPage />
          </Frame>
        </MemoryRouter>
      </QueryClientProvider>
    </AppProvider>,
  );
}

beforeEach(() => {
  // jsdom has no ResizeObserver; Polaris's IndexFilters measures its tabs with one.
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
  window.shopify = { idToken: async () => 'token', sandbox: true } as unknown as typeof window.shopify;
  URL.createObjectURL = vi.fn(() => 'blob:rewards');
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('Rewards page', () => {
  test('shows release dates, Shopify ids, and a failed reward’s error with a Retry that re-queues it', async () => {
    stubApi([reward(), failed, issued]);
    renderPage();
    expect(await screen.findByText('Shopify did not confirm the reward after 8 attempts.')).toBeTruthy();
    expect(screen.getAllByText('$10.00 store credit')).toHaveLength(3);
    expect(screen.getByText('Store credit account transaction 77')).toBeTruthy();
    expect(screen.getByText('linus@example.com')).toBeTruthy();
    // Only the failed reward can be retried.
    const retry = screen.getAllByRole('button', { name: 'Retry issuing the reward for Grace' });
    expect(retry).toHaveLength(1);
    expect(screen.queryByRole('button', { name: /Retry issuing the reward for Ada/ })).toBeNull();
    fireEvent.click(retry[0]!);
    await waitFor(() =>
      expect(calls).toContainEqual({ url: `/api/rewards/${failed.id}/retry`, method: 'POST' }),
    );
    // The list is refetched after the retry.
    await waitFor(() => expect(calls.filter((c) => c.url.startsWith('/api/rewards?')).length).toBe(2));
  });

  test('a failed reward shows the error Shopify answered and how often it was tried', async () => {
    stubApi([
      reward({
        ...failed,
        issueError: 'Shopify refused the store credit: the customer account is disabled.',
        issueAttempts: 3,
        lastIssueAttemptAt: '2026-05-15T10:20:00.000Z',
      }),
    ]);
    renderPage('/rewards?status=failed');
    expect(
      await screen.findByText('Shopify refused the store credit: the customer account is disabled.'),
    ).toBeTruthy();
    expect(screen.getByText(/^3 attempts · last tried /)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Retry issuing the reward for Grace' })).toBeTruthy();
  });

  test('a status link opens its tab, and Export CSV downloads exactly that filter', async () => {
    stubApi([failed]);
    renderPage('/rewards?status=failed&recipient=advocate');
    await screen.findByText('Grace');
    expect(calls.map((c) => c.url)).toEqual(['/api/rewards?status=failed&recipient=advocate&limit=50']);
    fireEvent.click(screen.getByRole('button', { name: 'Export these rewards as a CSV file' }));
    await waitFor(() =>
      expect(calls.map((c) => c.url)).toContain('/api/rewards/export.csv?status=failed&recipient=advocate'),
    );
    await waitFor(() => expect(URL.createObjectURL).toHaveBeenCalled());
    expect(await screen.findByText('Your CSV is downloading')).toBeTruthy();
  });

  test('no rewards at all: an empty state that says what to do next', async () => {
    stubApi([]);
    renderPage();
    expect(await screen.findByText('No rewards yet')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'View programmes' }).getAttribute('href')).toBe('/programs');
  });

  test('a failed load shows the server’s message and a retry', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        Response.json({ error: 'INTERNAL', message: 'Something went wrong on our side.' }, { status: 500 }),
      ),
    );
    renderPage();
    expect(await screen.findByText('Something went wrong on our side.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});

describe('reward format', () => {
  test('values, Shopify ids and claw-backs read as words', () => {
    expect(describeRewardValue({ kind: 'percent_discount', amount: usd(0), bps: 1500 }, 'en-US')).toBe(
      '15% discount',
    );
    expect(describeRewardValue({ kind: 'gift_card', amount: usd(2500), bps: null }, 'en-US')).toBe(
      '$25.00 gift card',
    );
    expect(
      describeRewardValue(
        { kind: 'points', amount: { amountMinor: 500, currency: 'PTS' }, bps: null },
        'en-US',
      ),
    ).toBe('500 points');
    expect(shopifyIdLabel('discount:REF-AB12CD')).toBe('Code REF-AB12CD');
    expect(shopifyIdLabel('gid://shopify/GiftCard/9')).toBe('Gift card 9');
    expect(shopifyIdLabel(null)).toBeNull();
    expect(
      describeClawback(
        {
          amount: usd(1000),
          reversed: usd(1000),
          clawback: {
            requested: usd(1000),
            recovered: usd(400),
            shortfall: usd(600),
            pending: 0,
            lastAt: '2026-05-20T00:00:00Z',
          },
        },
        'en-US',
      ),
    ).toBe('Clawed back $10.00 of $10.00 · $6.00 could not be recovered');
    expect(describeIssueAttempts({ issueAttempts: 1, lastIssueAttemptAt: null }, 'en-US')).toBe('1 attempt');
    expect(
      describeIssueAttempts({ issueAttempts: 2, lastIssueAttemptAt: '2026-05-15T10:20:00Z' }, 'en-US'),
    ).toMatch(/^2 attempts · last tried May 15, 2026/);
  });
});
