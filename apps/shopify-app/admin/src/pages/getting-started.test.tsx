import type { SetupResponse } from '@referrals/shopify-app/admin-contract';
import { AppProvider } from '@shopify/polaris';
import en from '@shopify/polaris/locales/en.json';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { GettingStartedPage } from './getting-started.js';

const EMBED_URL =
  'https://acme.myshopify.com/admin/themes/current/editor?context=apps&activateAppId=key/referral-embed';
const BLOCK_URL =
  'https://acme.myshopify.com/admin/themes/current/editor?template=index&addAppBlockId=key/share&target=newAppsSection';

function setup(
  overrides: Partial<SetupResponse> = {},
  steps: Partial<SetupResponse['steps']> = {},
): SetupResponse {
  return {
    steps: {
      programme: { state: 'done', required: true, programId: 'p1', live: true },
      themeEmbed: { state: 'todo', required: true, url: EMBED_URL },
      shareBlock: { state: 'done', required: true, url: BLOCK_URL },
      hubspot: { state: 'done', required: false, available: true },
      firstClick: { state: 'todo', required: true, clicks: 0 },
      ...steps,
    },
    theme: {
      themeName: 'Dawn',
      embedEnabled: false,
      shareBlockPlaced: true,
      reason: null,
      editorUrls: { embed: EMBED_URL, shareBlock: BLOCK_URL },
    },
    doneCount: 3,
    totalCount: 5,
    live: false,
    ...overrides,
  };
}

function renderWith(body: unknown, status = 200) {
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async () =>
        new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
    ),
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <AppProvider i18n={en}>
      <QueryClientProvider client={client}>
        <MemoryRouter>
          <GettingStartedPage />
        </MemoryRouter>
      </QueryClientProvider>
    </AppProvider>,
  );
}

beforeEach(() => {
  window.shopify = { idToken: async () => 'token' } as unknown as typeof window.shopify;
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('Getting started', () => {
  test('shows progress, each step state, and deep-links the theme editor in a new tab', async () => {
    renderWith(setup());
    expect(await screen.findByText('3 of 5 done')).toBeTruthy();
    const editor = screen.getByRole('link', { name: 'Open theme editor' });
    expect(editor.getAttribute('href')).toBe(EMBED_URL);
    expect(editor.getAttribute('target')).toBe('_blank');
    // Done steps have no button; the share block is done here.
    expect(screen.queryByRole('link', { name: 'Add block in theme editor' })).toBeNull();
    expect(screen.getAllByText('Done')).toHaveLength(3);
  });

  test('a theme that could not be read says so instead of "to do"', async () => {
    renderWith(
      setup(
        {
          theme: {
            ...setup().theme,
            embedEnabled: 'unknown',
            shareBlockPlaced: 'unknown',
            reason: "We couldn't read your theme from Shopify just now.",
          },
          doneCount: 2,
        },
        {
          themeEmbed: { state: 'unknown', required: true, url: EMBED_URL },
          shareBlock: { state: 'unknown', required: true, url: BLOCK_URL },
        },
      ),
    );
    expect(await screen.findAllByText("Couldn't check")).toHaveLength(2);
    expect(screen.getAllByText(/We couldn't read your theme from Shopify just now/)).toHaveLength(2);
  });

  test("once live, a short You're live summary replaces the checklist", async () => {
    renderWith(
      setup(
        { live: true, doneCount: 5 },
        {
          themeEmbed: { state: 'done', required: true, url: EMBED_URL },
          firstClick: { state: 'done', required: true, clicks: 12 },
        },
      ),
    );
    expect(await screen.findByText("You're live")).toBeTruthy();
    expect(screen.getByText(/clicked 12 times/)).toBeTruthy();
    expect(screen.queryByText('Setup guide')).toBeNull();
  });

  test('a failed load shows the error with a retry', async () => {
    renderWith({ error: 'INTERNAL', message: 'Something went wrong on our side.' }, 500);
    expect(await screen.findByText('Something went wrong on our side.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
