// The list and detail pages against a stand-in API: loading, the table, versions with their
// diff, publishing a version and pausing, each with the right request.

import { Frame } from '@shopify/polaris';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { ProgramDetailPage } from './program-detail.js';
import { defaultRules } from './program-draft.js';
import { ProgramListPage } from './program-list.js';
import { renderWithPolaris } from './test-utils.js';

const id = '11111111-1111-4111-8111-111111111111';
const v1 = {
  id: 'v1',
  version: 1,
  rules: defaultRules('USD'),
  effectiveFrom: '2026-01-01T00:00:00.000Z',
  createdBy: 'staff:42',
  createdAt: '2026-01-01T00:00:00.000Z',
};
const v2 = {
  ...v1,
  id: 'v2',
  version: 2,
  rules: { ...v1.rules, friendReward: { kind: 'percent_discount' as const, bps: 2000 } },
  effectiveFrom: '2026-02-01T00:00:00.000Z',
};
const program = {
  id,
  name: 'Spring referrals',
  status: 'active',
  createdAt: v1.createdAt,
  current: v2,
  scheduled: [],
  latestVersion: 2,
  versions: [v2, v1],
};
const shop = {
  shopDomain: 'a.myshopify.com',
  status: 'active',
  currency: 'USD',
  installedAt: v1.createdAt,
  connection: null,
};

// jsdom has no ResizeObserver; IndexTable watches its width with one.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;

let requests: { method: string; path: string; body: unknown }[] = [];
beforeEach(() => {
  requests = [];
  window.shopify = { idToken: async () => 'token', sandbox: true } as unknown as typeof window.shopify;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const path = url.replace(/^\/api/, '');
      const method = init.method ?? 'GET';
      requests.push({ method, path, body: init.body ? JSON.parse(String(init.body)) : undefined });
      const json = (body: unknown, status = 200) =>
        new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
      if (path === '/shop') return json(shop);
      if (path === '/programs') return json({ programs: [program] });
      if (path === `/programs/${id}`) return json({ program });
      if (path === `/programs/${id}/versions`) return json({ versionId: 'v3', version: 3 }, 201);
      if (path === `/programs/${id}/status`) return json({ programId: id, status: 'paused' });
      return json({ error: 'NOT_FOUND', message: 'Not found.' }, 404);
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

const renderAt = (path: string) =>
  renderWithPolaris(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <Frame>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path="/programs" element={<ProgramListPage />} />
            <Route path="/programs/:programId" element={<ProgramDetailPage />} />
          </Routes>
        </MemoryRouter>
      </Frame>
    </QueryClientProvider>,
  );

test('the list shows status, version and what each side gets', async () => {
  renderAt('/programs');
  const row = (await screen.findByText('Spring referrals')).closest('tr') as HTMLElement;
  expect(within(row).getByText('Active')).toBeTruthy();
  expect(within(row).getByText('Version 2')).toBeTruthy();
  expect(within(row).getByText('20% off')).toBeTruthy();
  expect(within(row).getByText('$10.00 store credit')).toBeTruthy();
});

test('the detail page shows the history with its diff, publishes a version and pauses', async () => {
  const user = userEvent.setup();
  renderAt(`/programs/${id}`);
  expect(await screen.findByText('Version 2 in force')).toBeTruthy();
  expect(screen.getAllByText('20% off').length).toBeGreaterThan(0);
  expect(screen.getAllByText(/published .* by staff member 42/)).toHaveLength(2);

  await user.click(screen.getAllByRole('button', { name: 'Pause programme' })[0]!);
  await waitFor(() => expect(requests.some((r) => r.path === `/programs/${id}/status`)).toBe(true));
  expect(requests.find((r) => r.path.endsWith('/status'))?.body).toEqual({ status: 'paused' });

  await user.click(screen.getByRole('button', { name: 'Edit rules' }));
  const hold = screen.getByLabelText('Hold rewards for');
  await user.clear(hold);
  await user.type(hold, '30');
  await user.click(screen.getByRole('button', { name: 'Publish new version' }));
  await waitFor(() => expect(requests.some((r) => r.path.endsWith('/versions'))).toBe(true));
  const publish = requests.find((r) => r.path.endsWith('/versions'));
  expect(publish?.method).toBe('POST');
  expect(publish?.body).toMatchObject({
    rules: { holdDays: 30, friendReward: { bps: 2000 } },
    effectiveFrom: null,
  });
  expect(await screen.findByText('Version 3 published')).toBeTruthy();
});

test('an unknown programme says so and links back', async () => {
  renderAt('/programs/22222222-2222-4222-8222-222222222222');
  expect(await screen.findByText('This programme doesn’t exist')).toBeTruthy();
});
