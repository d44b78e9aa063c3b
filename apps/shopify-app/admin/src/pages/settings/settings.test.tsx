import type { CheckoutCodes, SettingsResponse } from '@referrals/shopify-app/admin-contract';
import { AppProvider, Frame } from '@shopify/polaris';
import en from '@shopify/polaris/locales/en.json';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
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

const inStep: CheckoutCodes = {
  codesPlaced: 40,
  codeDiscountActive: true,
  automaticDiscountActive: true,
  lastSyncedAt: '2026-05-01T09:50:00.000Z',
  lastReconciledAt: '2026-05-01T09:00:00.000Z',
  failures: 0,
  lastError: null,
  failingCodes: [],
  failingCodeCount: 0,
};

let calls: { url: string; method: string }[];

function renderWith(
  input: Omit<SettingsResponse, 'checkoutCodes'> & { checkoutCodes?: CheckoutCodes },
  embed: boolean | 'unknown' = false,
) {
  const settings: SettingsResponse = { checkoutCodes: inStep, ...input };
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

  test('codes at checkout: in step says how many codes work; refusals and a failed run say what and that we retry', async () => {
    renderWith({ hubspot: connected, webhooks: { windowDays: 30, topics: [] } });
    const section = await screen.findByText('Advocate codes');
    const card = section.closest('[class*="Polaris-BlockStack"]')?.parentElement as HTMLElement;
    expect(within(card).getByText('In step')).toBeTruthy();
    expect(card.textContent).toContain('40 advocate codes work as discount codes at checkout.');
    expect(card.textContent).toContain('get the offer without typing anything');
    cleanup();

    renderWith({
      hubspot: connected,
      webhooks: { windowDays: 30, topics: [] },
      checkoutCodes: {
        ...inStep,
        codesPlaced: 1,
        automaticDiscountActive: false,
        failures: 2,
        lastError: 'Shopify answered 502',
        failingCodes: [{ code: 'ADA10', attempts: 3 }],
        failingCodeCount: 1,
      },
    });
    const failing = (await screen.findByText('Advocate codes')).closest('[class*="Polaris-BlockStack"]')
      ?.parentElement as HTMLElement;
    expect(within(failing).getByText('Needs attention')).toBeTruthy();
    expect(failing.textContent).toContain('1 advocate code works as discount codes at checkout.');
    expect(failing.textContent).not.toContain('without typing anything');
    expect(failing.textContent).toContain('Last error: Shopify answered 502. We try again by ourselves.');
    expect(failing.textContent).toContain('Shopify refused one code so far: ADA10.');
  });

  test('codes at checkout before any programme with a discount offer: says when it is set up', async () => {
    renderWith({
      hubspot: connected,
      webhooks: { windowDays: 30, topics: [] },
      checkoutCodes: {
        ...inStep,
        codesPlaced: 0,
        codeDiscountActive: false,
        automaticDiscountActive: false,
        lastSyncedAt: null,
        lastReconciledAt: null,
      },
    });
    const card = (await screen.findByText('Advocate codes')).closest('[class*="Polaris-BlockStack"]')
      ?.parentElement as HTMLElement;
    expect(within(card).getByText('Not set up yet')).toBeTruthy();
    expect(card.textContent).toContain('No code discount on Shopify yet');
    expect(card.textContent).toContain('Codes not sent to Shopify yet.');
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
