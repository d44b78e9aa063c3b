import type { SettingsResponse } from '@referrals/shopify-app/admin-contract';
import { AppProvider, Frame } from '@shopify/polaris';
import en from '@shopify/polaris/locales/en.json';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { SettingsPage } from './settings.js';

const EMBED_URL =
  'https://acme.myshopify.com/admin/themes/current/editor?context=apps&activateAppId=key/referral-embed';

const setup = (embedEnabled: boolean | 'unknown') => ({
  steps: {
    programme: { state: 'done', required: true, programId: 'p1', live: true },
    themeEmbed: { state: embedEnabled === true ? 'done' : 'todo', required: true, url: EMBED_URL },
    shareBlock: { state: 'done', required: true, url: EMBED_URL },
    hubspot: { state: 'done', required: false, available: true },
    firstClick: { state: 'todo', required: true, clicks: 0 },
  },
  theme: {
    themeName: 'Dawn',
    embedEnabled,
    shareBlockPlaced: true,
    reason: null,
    editorUrls: { embed: EMBED_URL, shareBlock: EMBED_URL },
  },
  doneCount: 3,
  totalCount: 5,
  live: false,
});

const connected: SettingsResponse['hubspot'] = {
  available: true,
  connected: true,
  portalId: '424242',
  status: 'active',
  sync: {
    pending: 3,
    retrying: 1,
    oldestPendingAt: '2026-05-01T10:00:00.000Z',
    parkedReason: null,
    parkedUntil: null,
    lastError: { message: 'HubSpot answered 502 Bad Gateway', retryAt: '2026-05-01T10:05:00.000Z' },
    backfill: { startedAt: null, doneAt: null },
    lastSuccessAt: '2026-05-01T09:55:00.000Z',
  },
};

let calls: { url: string; method: string }[];

function renderWith(settings: SettingsResponse, embed: boolean | 'unknown' = false) {
  calls = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      calls.push({ url, method: init?.method ?? 'GET' });
      if (url.startsWith('/api/settings')) return Response.json(settings);
      if (url.startsWith('/api/setup')) return Response.json(setup(embed));
      if (url.startsWith('/api/privacy-requests')) return Response.json({ privacyRequests: [] });
      if (url.startsWith('/api/integrations/hubspot/connect'))
        return Response.json({ url: 'https://hubspot-app.example.com/hubspot/connect?state=s' });
      return Response.json({ error: 'NOT_FOUND', message: 'Not found' }, { status: 404 });
    }),
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <AppProvider i18n={en}>
      <QueryClientProvider client={client}>
        <MemoryRouter>
          <Frame>
            <SettingsPage />
          </Frame>
        </MemoryRouter>
      </QueryClientProvider>
    </AppProvider>,
  );
}

beforeEach(() => {
  window.shopify = { idToken: async () => 'token', sandbox: true } as unknown as typeof window.shopify;
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('Settings page', () => {
  test('a connected HubSpot shows the backlog and the last error; webhooks show failures per topic', async () => {
    renderWith({
      hubspot: connected,
      webhooks: {
        windowDays: 30,
        topics: [
          {
            platform: 'shopify',
            topic: 'orders/paid',
            received: 12,
            failed: 2,
            waiting: 0,
            lastReceivedAt: '2026-05-01T09:00:00.000Z',
            lastFailedAt: '2026-05-01T08:00:00.000Z',
          },
          {
            platform: 'shopify',
            topic: 'refunds/create',
            received: 1,
            failed: 0,
            waiting: 0,
            lastReceivedAt: '2026-05-01T09:00:00.000Z',
            lastFailedAt: null,
          },
        ],
      },
    });
    expect(await screen.findByText('HubSpot account 424242')).toBeTruthy();
    expect(screen.getByText('Connected')).toBeTruthy();
    expect(screen.getByText(/3 contacts waiting to sync\. 1 contact will be retried\./)).toBeTruthy();
    expect(screen.getByText('Last error: HubSpot answered 502 Bad Gateway')).toBeTruthy();
    expect(screen.getByText(/^Last synced .*2026/)).toBeTruthy();
    expect(screen.getByText('Order paid')).toBeTruthy();
    expect(screen.getByText('2 failed')).toBeTruthy();
    expect(screen.getByText('Healthy')).toBeTruthy();
    expect(await screen.findByText('No data requests')).toBeTruthy();
  });

  test('a connection that has not written a contact yet says so', async () => {
    renderWith({
      hubspot: { ...connected, sync: { ...connected.sync!, lastSuccessAt: null } },
      webhooks: { windowDays: 30, topics: [] },
    });
    expect(await screen.findByText('Not synced yet.')).toBeTruthy();
    expect(screen.queryByText(/^Last synced/)).toBeNull();
  });

  test('the embed is off: says so and deep-links the theme editor on the app embed', async () => {
    renderWith({ hubspot: { ...connected, sync: null }, webhooks: { windowDays: 30, topics: [] } }, false);
    const link = await screen.findByRole('link', { name: 'Turn on in theme editor' });
    expect(link.getAttribute('href')).toBe(EMBED_URL);
    expect(link.getAttribute('target')).toBe('_blank');
    expect(screen.getByText('Off')).toBeTruthy();
    expect(screen.getByText(/Nothing received in the last 30 days/)).toBeTruthy();
  });

  test('not connected: Connect HubSpot opens the consent link in a new tab', async () => {
    const tab = { location: { href: '' }, close: vi.fn() };
    const open = vi.fn(() => tab);
    vi.spyOn(window, 'open').mockImplementation(open as unknown as typeof window.open);
    renderWith({
      hubspot: { available: true, connected: false, portalId: null, status: null, sync: null },
      webhooks: { windowDays: 30, topics: [] },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Connect HubSpot' }));
    await waitFor(() =>
      expect(tab.location.href).toBe('https://hubspot-app.example.com/hubspot/connect?state=s'),
    );
    expect(calls).toContainEqual({ url: '/api/integrations/hubspot/connect', method: 'POST' });
  });

  test('a connection HubSpot revoked asks for a reconnect', async () => {
    renderWith({
      hubspot: { ...connected, status: 'reconnect_needed' },
      webhooks: { windowDays: 30, topics: [] },
    });
    expect(await screen.findByText('Reconnect HubSpot to resume the sync')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Reconnect HubSpot' })).toBeTruthy();
    expect(screen.getByText('Needs reconnecting')).toBeTruthy();
  });
});
