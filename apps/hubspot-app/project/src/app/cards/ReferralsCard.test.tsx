import {
  Alert,
  Button,
  EmptyState,
  ErrorState,
  Heading,
  Link,
  LoadingSpinner,
  ScoreCircle,
  StatisticsItem,
  TableCell,
  TableRow,
  Tag,
  Text,
} from '@hubspot/ui-extensions';
import { createRenderer, type RenderedElementNode } from '@hubspot/ui-extensions/testing';
import { describe, expect, test, vi } from 'vitest';
import type { CardFetcher } from './api';
import type { ReferralSource } from './card-payload';
import { anAdvocate, aPayload, aReferredBy, jsonResponse, scriptedFetcher } from './fixtures';
import { cardActions, ReferralsCard } from './ReferralsCard';
import type { CardActions } from './sections';

type RenderOptions = { email?: string | null; isLoading?: boolean; clipboardFails?: boolean };

function renderCard(fetcher: CardFetcher, options: RenderOptions = {}) {
  const renderer = createRenderer('crm.record.tab');
  const { email = 'bob@example.com', isLoading = false, clipboardFails = false } = options;
  const properties: Record<string, string> = email === null ? {} : { email };
  renderer.mocks.useCrmProperties.willCall(() => ({
    properties,
    error: null,
    isLoading,
    isRefetching: false,
    refetch: async () => {},
  }));
  const copied: string[] = [];
  const notices: Array<[string, string]> = [];
  const actions: CardActions = {
    copyText: async (text) => {
      if (clipboardFails) throw new Error('clipboard denied');
      copied.push(text);
    },
    notify: (message, type) => void notices.push([message, type]),
  };
  renderer.render(<ReferralsCard context={renderer.mocks.context} actions={actions} fetcher={fetcher} />);
  return { ...renderer, copied, notices };
}

// A cell holding a Tag has no text of its own: read the tag's.
const cells = (row: Pick<RenderedElementNode, 'findAll'>) =>
  row.findAll(TableCell).map((cell) => cell.text ?? cell.find(Tag).text);
const byText = (text: string) => (node: { text: string | null }) => node.text === text;

describe('ReferralsCard', () => {
  test('shows a spinner, then the advocate’s link, score, referrals and rewards', async () => {
    let answer!: (response: Response) => void;
    const { fetcher, calls } = scriptedFetcher(new Promise<Response>((resolve) => (answer = resolve)));
    const card = renderCard(fetcher);

    expect(card.find(LoadingSpinner).props.label).toBe('Loading referrals');
    // Effects run after the first render, so the request goes out a moment later.
    await vi.waitFor(() =>
      expect(calls.map((c) => c.url)).toEqual([
        'https://referrals.example.com/hubspot/card?portalId=123&contactId=123&email=bob%40example.com',
      ]),
    );
    expect(card.find(LoadingSpinner)).toBeTruthy();

    answer(jsonResponse(aPayload()));
    await card.waitFor(() => expect(card.maybeFind(LoadingSpinner)).toBeNull());

    expect(card.find(Link).props.href).toEqual({ url: 'https://shop.example.com/r/BOB-7Q2', external: true });
    expect(card.findByTestId(Text, 'advocate-code').text).toBe('BOB-7Q2');
    expect(card.find(ScoreCircle).props.score).toBe(72);
    expect(card.findByTestId(Text, 'advocate-score').text).toBe('72 / 100 (formula v2)');
    expect(cells(card.findByTestId(TableRow, 'score-referrals'))).toEqual([
      'Successful referrals',
      '40 / 50',
      '4 rewarded in 90 days',
    ]);
    expect(cells(card.findByTestId(TableRow, 'score-revenue'))).toEqual([
      'Referred revenue',
      '22 / 30',
      '$1,234.50 net of refunds',
    ]);
    expect(cells(card.findByTestId(TableRow, 'score-reach'))).toEqual(['Reach', '10 / 20', '35 link clicks']);

    const rewarded = card.findByTestId(TableRow, 'referral-0');
    expect(cells(rewarded)).toEqual(['c***@example.org', 'Rewarded', '$123.45', 'Apr 2, 2026']);
    expect(rewarded.find(Tag).props.variant).toBe('success');
    expect(cells(card.findByTestId(TableRow, 'referral-1'))).toEqual([
      'Dana',
      'In review',
      'No order yet',
      'Apr 20, 2026',
    ]);

    const stat = (label: string) => card.find(StatisticsItem, { label }).props.number;
    expect(stat('Referrals')).toBe(2);
    expect(stat('Referred revenue')).toBe('$1,234.50');
    expect(stat('Rewards earned')).toBe('$25.00');
    expect(stat('Rewards pending')).toBe('$10.00');
    expect(card.find(Heading, byText('Referred by'))).toBeTruthy();
    expect(card.find(Text, byText('Not referred by an advocate.'))).toBeTruthy();
  });

  test.each([
    [false, ['https://shop.example.com/r/BOB-7Q2'], ['Referral link copied', 'success']],
    [true, [], ['The referral link could not be copied', 'danger']],
  ])(
    'copies the referral link and says whether it worked (clipboard fails: %s)',
    async (clipboardFails, copied, notice) => {
      const card = renderCard(scriptedFetcher(jsonResponse(aPayload())).fetcher, { clipboardFails });
      await card.waitFor(() => card.find(Button, byText('Copy link')));

      card.find(Button, byText('Copy link')).trigger('onClick');
      await vi.waitFor(() => expect(card.notices).toEqual([notice]));
      expect(card.copied).toEqual(copied);
    },
  );

  test('shows who referred a contact who is not an advocate, and how', async () => {
    const payload = aPayload({ referredBy: aReferredBy(), advocate: null });
    const card = renderCard(scriptedFetcher(jsonResponse(payload)).fetcher);
    await card.waitFor(() => card.findByTestId(Text, 'referred-by-advocate'));

    expect(card.findByTestId(Text, 'referred-by-advocate').text).toBe('Ann Lee (ann@example.com)');
    expect(card.findByTestId(Text, 'referred-by-source').text).toBe('Referral code');
    expect(card.findByTestId(Text, 'referred-by-code').text).toBe('ANN10');
    expect(card.find(Text, byText('May 1, 2026'))).toBeTruthy();
    expect(card.maybeFind(Heading, byText('Advocate'))).toBeNull();
    expect(card.maybeFind(EmptyState)).toBeNull();
  });

  test.each<[ReferralSource, string]>([
    ['link', 'Referral link'],
    ['discount', "Friend's offer code"],
    ['email', 'Email invitation'],
    ['deal', 'HubSpot deal'],
  ])('names the %s source and shows no code when there is none', async (source, label) => {
    const payload = aPayload({ referredBy: aReferredBy({ source, code: null, advocateName: null }) });
    const card = renderCard(scriptedFetcher(jsonResponse(payload)).fetcher);
    await card.waitFor(() => card.findByTestId(Text, 'referred-by-source'));

    expect(card.findByTestId(Text, 'referred-by-source').text).toBe(label);
    expect(card.findByTestId(Text, 'referred-by-advocate').text).toBe('ann@example.com');
    expect(card.maybeFindByTestId(Text, 'referred-by-code')).toBeNull();
  });

  test('says when the contact is not in the programme', async () => {
    const card = renderCard(scriptedFetcher(jsonResponse(aPayload({ advocate: null }))).fetcher);
    await card.waitFor(() => card.find(EmptyState));

    expect(card.find(EmptyState).props.title).toBe('Not in the referral programme');
    expect(card.maybeFind(Heading)).toBeNull();
    expect(card.maybeFind(Alert)).toBeNull();
  });

  test.each([
    ['a 500', jsonResponse({}, 500), 'The Referrals service is having trouble. Try again in a moment.'],
    ['a 404', jsonResponse({}, 404), 'This HubSpot account is not connected to a Referrals store.'],
    [
      'a timeout',
      new Error('timeout'),
      'Something went wrong while loading referral data. Try again in a moment.',
    ],
    [
      'a broken body',
      jsonResponse({ status: 'ok' }),
      'Something went wrong while loading referral data. Try again in a moment.',
    ],
  ])('after %s shows an error whose retry asks again', async (_case, failure, message) => {
    const { fetcher, calls } = scriptedFetcher(failure, jsonResponse(aPayload()));
    const card = renderCard(fetcher);
    await card.waitFor(() => card.find(ErrorState));

    expect(card.find(ErrorState).find(Text).text).toBe(message);
    card.find(Button, byText('Try again')).trigger('onClick');
    await card.waitFor(() => card.findByTestId(Text, 'advocate-score'));
    expect(calls).toHaveLength(2);
    expect(calls[1]?.url).toBe(calls[0]?.url);
  });

  test('warns that HubSpot must be reconnected and still shows the data', async () => {
    const payload = aPayload({ status: 'reconnect_needed', referredBy: aReferredBy() });
    const card = renderCard(scriptedFetcher(jsonResponse(payload)).fetcher);
    await card.waitFor(() => card.find(Alert));

    expect(card.find(Alert).props).toMatchObject({ title: 'Reconnect HubSpot', variant: 'warning' });
    expect(card.findByTestId(Text, 'advocate-score').text).toBe('72 / 100 (formula v2)');
    expect(card.findByTestId(Text, 'referred-by-advocate').text).toBe('Ann Lee (ann@example.com)');
  });

  test('waits for the email before asking, and asks without one when the contact has none', async () => {
    const waiting = scriptedFetcher(jsonResponse(aPayload()));
    const loading = renderCard(waiting.fetcher, { isLoading: true });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(waiting.calls).toHaveLength(0);
    expect(loading.find(LoadingSpinner)).toBeTruthy();

    const noEmail = scriptedFetcher(
      jsonResponse(aPayload({ contact: { email: null }, advocate: anAdvocate() })),
    );
    renderCard(noEmail.fetcher, { email: null });
    await vi.waitFor(() =>
      expect(noEmail.calls.map((c) => c.url)).toEqual([
        'https://referrals.example.com/hubspot/card?portalId=123&contactId=123',
      ]),
    );
  });
});

test('cardActions passes copy and alert through to HubSpot’s actions', async () => {
  const { mocks } = createRenderer('crm.record.tab');
  const actions = cardActions(mocks.actions);
  await actions.copyText('https://shop.example.com/r/X');
  actions.notify('Copied', 'success');

  expect(mocks.actions.copyTextToClipboard.calls).toEqual([['https://shop.example.com/r/X']]);
  expect(mocks.actions.addAlert.calls).toEqual([[{ type: 'success', message: 'Copied' }]]);
});
