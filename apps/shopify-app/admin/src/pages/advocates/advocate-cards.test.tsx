// The advocate page's pieces with logic: the balance says what is owed after a claw-back, the
// score lists its components, and the enrol form shows the server's field error under the field.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithPolaris } from '../programs/test-utils.js';
import { BalanceCard, ScoreCard } from './advocate-cards.js';
import { advocateName, describeBalance } from './advocate-format.js';
import { EnrollModal } from './enroll-modal.js';

afterEach(() => {
  vi.unstubAllGlobals();
  Reflect.deleteProperty(window, 'shopify');
});

describe('advocate format', () => {
  it('names a person, never by id, and says when a balance is owed', () => {
    expect(advocateName({ firstName: ' Ada ', email: 'ada@example.com', redacted: false })).toBe('Ada');
    expect(advocateName({ firstName: null, email: 'ada@example.com', redacted: false })).toBe(
      'ada@example.com',
    );
    expect(advocateName({ firstName: 'Ada', email: null, redacted: true })).toBe('Redacted customer');
    expect(describeBalance(-300, 'USD', 'en-US')).toBe('Owes $3.00');
    expect(describeBalance(1_250, 'EUR', 'en-US')).toBe('€12.50');
  });
});

describe('BalanceCard', () => {
  it('warns about what the advocate owes and lists each account', () => {
    renderWithPolaris(
      <BalanceCard
        locale="en-US"
        balances={[
          {
            currency: 'USD',
            heldMinor: 500,
            payableMinor: 0,
            issuedMinor: 0,
            owedMinor: 800,
            balanceMinor: -300,
          },
        ]}
      />,
    );
    expect(screen.getByText('Owes $8.00')).toBeTruthy();
    expect(screen.getByText('Owes $3.00')).toBeTruthy();
    expect(screen.getByText('$5.00')).toBeTruthy();
  });

  it('says what to expect when nothing is earned yet', () => {
    renderWithPolaris(<BalanceCard balances={[]} />);
    expect(screen.getByText(/Nothing earned yet/)).toBeTruthy();
  });
});

describe('ScoreCard', () => {
  it('shows the score and each component out of its maximum, the penalty without one', () => {
    renderWithPolaris(
      <ScoreCard
        score={{
          score: 14,
          formulaVersion: 'v1',
          computedAt: '2026-01-01T00:00:00.000Z',
          components: [
            { key: 'referrals', label: 'Successful referrals', points: 25, max: 40, detail: '3 referrals' },
            { key: 'fraud', label: 'Fraud flags', points: -11, max: 0, detail: '1 referral flagged' },
          ],
        }}
      />,
    );
    expect(screen.getByText('14 / 100')).toBeTruthy();
    expect(screen.getByText('25 / 40')).toBeTruthy();
    expect(screen.getByText('-11')).toBeTruthy();
    expect(screen.getByText('1 referral flagged')).toBeTruthy();
  });
});

describe('EnrollModal', () => {
  it('sends the email and shows the field error the server answers', async () => {
    Object.assign(window, { shopify: { idToken: async () => 'token' } });
    const fetchMock = vi.fn(
      async () =>
        new Response(
          JSON.stringify({
            error: 'VALIDATION',
            message: 'Some fields need your attention.',
            fields: { email: ['Enter an email address like name@example.com.'] },
          }),
          { status: 400, headers: { 'content-type': 'application/json' } },
        ),
    );
    vi.stubGlobal('fetch', fetchMock);
    const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
    renderWithPolaris(
      <QueryClientProvider client={client}>
        <MemoryRouter>
          <EnrollModal open onClose={() => undefined} onEnrolled={() => undefined} />
        </MemoryRouter>
      </QueryClientProvider>,
    );
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'ada@' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enrol' }));
    await waitFor(() =>
      expect(screen.getByText('Enter an email address like name@example.com.')).toBeTruthy(),
    );
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/advocates');
    expect(JSON.parse(String(init.body))).toEqual({ email: 'ada@' });
  });
});
