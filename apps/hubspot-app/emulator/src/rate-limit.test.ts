import { Client } from '@hubspot/api-client';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type HubSpotEmulator, startHubSpotEmulator } from './server.js';

// biome-ignore lint/suspicious/noExplicitAny: responses and error bodies are read field by field.
type Json = any;

const PORTAL = 7401;
const OTHER = 7402;
let clock: number;
let emulator: HubSpotEmulator;
let token: string;

beforeEach(async () => {
  clock = Date.parse('2026-11-01T00:00:00Z');
  emulator = await startHubSpotEmulator({ now: () => clock });
  emulator.addPortal(PORTAL);
  emulator.addPortal(OTHER);
  token = emulator.issueTokens(PORTAL).accessToken;
});
afterEach(() => emulator.close());

async function call(path: string, init: { method?: string; body?: unknown; accessToken?: string } = {}) {
  const res = await fetch(`${emulator.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${init.accessToken ?? token}`, 'content-type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
}

const EMAIL = '/crm/v3/properties/contacts/email';
const SEARCH = '/crm/v3/objects/contacts/search';

describe('ten-secondly rolling limit', () => {
  test('the 111th request in 10 s gets 429 TEN_SECONDLY_ROLLING; every response has the headers', async () => {
    for (let i = 1; i <= 110; i++) {
      const ok = await call(EMAIL);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('x-hubspot-ratelimit-remaining')).toBe(String(110 - i));
      clock += 50; // 110 requests in 5.5 s
    }
    const limited = await call(EMAIL);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      status: 'error',
      message: 'You have reached your ten_secondly_rolling limit.',
      errorType: 'RATE_LIMIT',
      correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      policyName: 'TEN_SECONDLY_ROLLING',
    });
    expect(limited.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('10000');
    expect(limited.headers.get('x-hubspot-ratelimit-max')).toBe('110');
    expect(limited.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
    // Limits are per portal: the other portal is not affected.
    expect((await call(EMAIL, { accessToken: emulator.issueTokens(OTHER).accessToken })).status).toBe(200);
    expect(emulator.stats(PORTAL)).toMatchObject({
      requests: 111,
      rateLimited: 1,
      byPath: { 'GET /crm/v3/properties/{objectType}/{propertyName}': 111 },
      byStatus: { 200: 110, 429: 1 },
    });
  });

  test('the window slides: requests older than 10 s stop counting', async () => {
    for (let i = 0; i < 110; i++) await call(EMAIL); // all at t0
    clock += 5_000;
    expect((await call(EMAIL)).status).toBe(429);
    clock += 4_999; // t0 + 9.999 s: the burst is still inside the window
    expect((await call(EMAIL)).status).toBe(429);
    clock += 1; // t0 + 10 s: the burst has left the window
    const after = await call(EMAIL);
    expect(after.status).toBe(200);
    expect(after.headers.get('x-hubspot-ratelimit-remaining')).toBe('109');
  });

  test('the client with numberOfApiCallRetries 0 throws ApiException 429 with the policy in its body', async () => {
    for (let i = 0; i < 110; i++) await call(EMAIL);
    const client = new Client({ accessToken: token, basePath: emulator.url, numberOfApiCallRetries: 0 });
    const error = (await client.crm.properties.coreApi
      .getByName('contacts', 'email')
      .catch((e: unknown) => e)) as Json;
    expect(error.code).toBe(429);
    expect(error.body.policyName).toBe('TEN_SECONDLY_ROLLING');
    expect(error.headers['x-hubspot-ratelimit-remaining']).toBe('0');
  });
});

describe('search and daily limits', () => {
  test('search: the 6th search within a second gets 429 with the secondly message the client retries on', async () => {
    for (let i = 0; i < 5; i++) expect((await call(SEARCH, { method: 'POST', body: {} })).status).toBe(200);
    const limited = await call(SEARCH, { method: 'POST', body: {} });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({
      message: 'You have reached your secondly limit.',
      policyName: 'SECONDLY',
    });
    expect((await call(EMAIL)).status).toBe(200); // other endpoints are not held back
    clock += 1000;
    expect((await call(SEARCH, { method: 'POST', body: {} })).status).toBe(200);
  });

  test('the client retries a search 429 after 1 s (it matches the secondly message) and then succeeds', async () => {
    for (let i = 0; i < 5; i++) await call(SEARCH, { method: 'POST', body: {} });
    const client = new Client({ accessToken: token, basePath: emulator.url, numberOfApiCallRetries: 2 });
    const search = client.crm.contacts.searchApi.doSearch({ filterGroups: [], limit: 10 } as Json);
    // The first attempt is refused; while the client waits its 1 s, the emulator's clock moves on.
    await new Promise((resolve) => setTimeout(resolve, 300));
    clock += 1000;
    expect((await search).total).toBe(0);
    expect(emulator.requests.slice(-2).map((r) => r.status)).toEqual([429, 200]);
  });

  test('a daily cap answers 429 DAILY, with the daily headers, until the next UTC day', async () => {
    emulator.setDailyLimit(PORTAL, 2);
    const first = await call(EMAIL);
    expect(first.headers.get('x-hubspot-ratelimit-daily')).toBe('2');
    expect(first.headers.get('x-hubspot-ratelimit-daily-remaining')).toBe('1');
    await call(EMAIL);
    const limited = await call(EMAIL);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({
      policyName: 'DAILY',
      message: 'You have reached your daily limit.',
    });
    clock = Date.parse('2026-11-02T00:00:00Z');
    token = emulator.issueTokens(PORTAL).accessToken; // the old one expired overnight
    expect((await call(EMAIL)).status).toBe(200);
  });
});

describe('injected faults', () => {
  test('a one-off 500 is retried by the client (200 ms x attempt) and then succeeds', async () => {
    emulator.injectFault({
      portalId: PORTAL,
      path: '/crm/v3/properties/{objectType}/{propertyName}',
      status: 500,
    });
    const client = new Client({ accessToken: token, basePath: emulator.url, numberOfApiCallRetries: 2 });
    const property = await client.crm.properties.coreApi.getByName('contacts', 'email');
    expect(property.name).toBe('email');
    expect(emulator.stats(PORTAL).byStatus).toEqual({ 200: 1, 500: 1 });
    expect(emulator.requests.map((r) => r.status)).toEqual([500, 200]);
  });

  test('faults match their portal and path only, and run out', async () => {
    emulator.injectFault({ path: /\/search$/, status: 503, times: 2 });
    expect((await call(EMAIL)).status).toBe(200);
    expect((await call(SEARCH, { method: 'POST', body: {} })).status).toBe(503);
    expect((await call(SEARCH, { method: 'POST', body: {} })).status).toBe(503);
    expect((await call(SEARCH, { method: 'POST', body: {} })).status).toBe(200);
  });
});
