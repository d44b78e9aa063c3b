import { describe, expect, test } from 'vitest';
import {
  buildCardUrl,
  CARD_TIMEOUT_MS,
  CardHttpError,
  CardPayloadError,
  fetchContactReferrals,
  parseCardPayload,
} from './api';
import { anAdvocate, aPayload, aReferredBy, jsonResponse, scriptedFetcher } from './fixtures';

const context = { portalId: 4242, contactId: 901, email: 'Bob+vip@example.com' };

describe('buildCardUrl', () => {
  test('puts the portal, contact and encoded email on the card endpoint', () => {
    expect(buildCardUrl(context)).toBe(
      'https://referrals.example.com/hubspot/card?portalId=4242&contactId=901&email=Bob%2Bvip%40example.com',
    );
  });

  test.each([null, '', '   '])('leaves email out when it is %j', (email) => {
    const url = new URL(buildCardUrl({ ...context, email }));
    expect(url.searchParams.has('email')).toBe(false);
    expect(url.searchParams.get('contactId')).toBe('901');
  });
});

describe('fetchContactReferrals', () => {
  test('GETs the card URL with our timeout and returns the checked payload', async () => {
    const payload = aPayload({ referredBy: aReferredBy() });
    const { fetcher, calls } = scriptedFetcher(jsonResponse(payload));

    await expect(fetchContactReferrals(fetcher, context)).resolves.toEqual(payload);
    expect(calls).toEqual([
      { url: buildCardUrl(context), options: { method: 'GET', timeout: CARD_TIMEOUT_MS } },
    ]);
    expect(CARD_TIMEOUT_MS).toBeLessThan(15_000);
  });

  test('rejects a non-2xx answer with its status', async () => {
    const { fetcher } = scriptedFetcher(jsonResponse({ message: 'nope' }, 503));
    const error = await fetchContactReferrals(fetcher, context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CardHttpError);
    expect((error as CardHttpError).status).toBe(503);
  });

  test('rejects a body that breaks the contract', async () => {
    const { fetcher } = scriptedFetcher(jsonResponse({ ...aPayload(), status: 'fine' }));
    await expect(fetchContactReferrals(fetcher, context)).rejects.toThrow(CardPayloadError);
  });

  test('passes the fetcher’s own failure through', async () => {
    const { fetcher } = scriptedFetcher(new Error('timeout'));
    await expect(fetchContactReferrals(fetcher, context)).rejects.toThrow('timeout');
  });
});

describe('parseCardPayload', () => {
  test('accepts every nullable part as null', () => {
    const payload = aPayload({ status: 'reconnect_needed', contact: { email: null }, advocate: null });
    expect(parseCardPayload(payload)).toEqual(payload);
    const bare = anAdvocate({ code: null, link: null, referrals: [] });
    expect(parseCardPayload(aPayload({ advocate: bare })).advocate).toEqual(bare);
  });

  test('keeps only the contract’s keys', () => {
    const parsed = parseCardPayload({ ...aPayload(), debug: { sql: 'select 1' } });
    expect(parsed).not.toHaveProperty('debug');
  });

  const advocate = anAdvocate();
  const [firstReferral] = advocate.referrals;
  test.each([
    ['a non-object', 'nope', 'payload'],
    ['a missing key', { status: 'ok', contact: { email: null }, referredBy: null }, 'advocate'],
    [
      'an unknown source',
      aPayload({ referredBy: aReferredBy({ source: 'tiktok' as never }) }),
      'referredBy.source',
    ],
    ['a bad date', aPayload({ referredBy: aReferredBy({ at: 'yesterday' }) }), 'referredBy.at'],
    [
      'a score above 100',
      aPayload({ advocate: { ...advocate, score: { ...advocate.score, score: 101 } } }),
      'advocate.score.score',
    ],
    [
      'an unknown status',
      aPayload({ advocate: { ...advocate, referrals: [{ ...firstReferral!, status: 'lost' as never }] } }),
      'advocate.referrals[0].status',
    ],
    [
      'fractional minor units',
      aPayload({ advocate: { ...advocate, rewards: { ...advocate.rewards, earnedMinor: 12.5 } } }),
      'advocate.rewards.earnedMinor',
    ],
    [
      'a negative revenue',
      aPayload({ advocate: { ...advocate, revenueMinor: -1 } }),
      'advocate.revenueMinor',
    ],
    ['a lower-case currency', aPayload({ advocate: { ...advocate, currency: 'usd' } }), 'advocate.currency'],
    [
      'a javascript: link',
      aPayload({ advocate: { ...advocate, link: 'javascript:alert(1)' } }),
      'advocate.link',
    ],
    [
      'a component without a label',
      aPayload({
        advocate: {
          ...advocate,
          score: { ...advocate.score, components: [{ key: 'x', points: 1, max: 2, detail: '' } as never] },
        },
      }),
      'advocate.score.components[0].label',
    ],
  ])('rejects %s, naming where', (_case, value, path) => {
    const error = (() => {
      try {
        parseCardPayload(value);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CardPayloadError);
    expect((error as CardPayloadError).path).toBe(path === 'payload' ? '' : path);
  });
});
