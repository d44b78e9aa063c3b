import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ID_TOKEN_TYPE, OFFLINE_TOKEN_TYPE, TOKEN_EXCHANGE_GRANT } from './oauth.js';
import { DEFAULT_SCOPES, type ShopifyEmulator, startShopifyEmulator } from './server.js';
import { REFRESH_RETRY_WINDOW_MS } from './tokens.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON replies are read field by field in assertions.
type Json = any;

const SHOP = 'token-shop.myshopify.com';
const DAY = 24 * 3600 * 1000;
let clock: number;
let emulator: ShopifyEmulator;

beforeEach(async () => {
  clock = Date.parse('2026-11-01T00:00:00Z');
  emulator = await startShopifyEmulator({ now: () => clock, apiKey: 'key-1', apiSecret: 'secret-1' });
  emulator.installApp(SHOP);
});
afterEach(() => emulator.close());

async function postToken(body: Record<string, unknown>) {
  const res = await fetch(`${emulator.url}${emulator.tokenPath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

// The body @shopify/shopify-api's tokenExchange sends.
const exchangeBody = (sessionToken: string, expiring = '1', overrides: Record<string, unknown> = {}) => ({
  client_id: 'key-1',
  client_secret: 'secret-1',
  grant_type: TOKEN_EXCHANGE_GRANT,
  subject_token: sessionToken,
  subject_token_type: ID_TOKEN_TYPE,
  requested_token_type: OFFLINE_TOKEN_TYPE,
  expiring,
  ...overrides,
});

const refreshBody = (refreshToken: string, secret = 'secret-1') => ({
  client_id: 'key-1',
  client_secret: secret,
  refresh_token: refreshToken,
  grant_type: 'refresh_token',
});

/** 200 with data for a live token, 401 otherwise. */
async function graphqlStatus(token: string): Promise<number> {
  const res = await fetch(`${emulator.url}${emulator.graphqlPath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shopify-access-token': token },
    body: JSON.stringify({ query: '{ order(id: "gid://shopify/Order/1") { id } }' }),
  });
  if (res.status === 200) expect(((await res.json()) as Json).data).toEqual({ order: null });
  return res.status;
}

describe('token exchange', () => {
  test('exchanges a session token for an expiring offline token that the GraphQL API accepts', async () => {
    const { status, body } = await postToken(exchangeBody(emulator.sessionToken(SHOP)));
    expect(status).toBe(200);
    expect(body).toEqual({
      access_token: expect.stringMatching(/^shpat_[0-9a-f]{32}$/),
      scope: DEFAULT_SCOPES,
      expires_in: 3600,
      refresh_token: expect.stringMatching(/^shprt_[0-9a-f]{32}$/),
      refresh_token_expires_in: 7_776_000,
    });
    expect(await graphqlStatus(body.access_token)).toBe(200);
    expect(emulator.tokenRequests).toEqual([
      { grantType: TOKEN_EXCHANGE_GRANT, shop: SHOP, status: 200, at: clock },
    ]);
  });

  test('expiring 0 gives a non-expiring token, the same one each time', async () => {
    const first = await postToken(exchangeBody(emulator.sessionToken(SHOP), '0'));
    expect(first.body).toEqual({ access_token: expect.stringMatching(/^shpat_/), scope: DEFAULT_SCOPES });
    const again = await postToken(exchangeBody(emulator.sessionToken(SHOP), '0'));
    expect(again.body.access_token).toBe(first.body.access_token);
    clock += 365 * DAY;
    expect(await graphqlStatus(first.body.access_token)).toBe(200);
  });

  test('refuses a wrong client secret or client id with invalid_client', async () => {
    const token = emulator.sessionToken(SHOP);
    for (const overrides of [
      { client_secret: 'secret-2' },
      { client_id: 'key-2' },
      { client_secret: undefined },
    ]) {
      const { status, body } = await postToken(exchangeBody(token, '1', overrides));
      expect(status).toBe(400);
      expect(body).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
    }
  });

  test('refuses forged, foreign, expired and premature session tokens with invalid_subject_token', async () => {
    const rejected = async (sessionToken: string) => {
      const { status, body } = await postToken(exchangeBody(sessionToken));
      expect(status).toBe(400);
      return body;
    };
    expect((await rejected(emulator.sessionToken(SHOP, { secret: 'not-the-secret' }))).error).toBe(
      'invalid_subject_token',
    );
    expect((await rejected(emulator.sessionToken(SHOP, { apiKey: 'another-app' }))).error).toBe(
      'invalid_subject_token',
    );
    expect((await rejected('not.a.jwt')).error).toBe('invalid_subject_token');
    const expired = await rejected(emulator.sessionToken(SHOP, { expiresInSeconds: -10 }));
    expect(expired).toEqual({
      error: 'invalid_subject_token',
      error_description: expect.stringMatching(/expired/),
    });
    clock += 60_000;
    const future = emulator.sessionToken(SHOP);
    clock -= 60_000;
    expect((await rejected(future)).error_description).toMatch(/not valid yet/);
    expect(emulator.tokenRequests.map((r) => r.status)).toEqual([400, 400, 400, 400, 400]);
  });

  test('forgives a few seconds of clock skew on exp', async () => {
    const { status } = await postToken(exchangeBody(emulator.sessionToken(SHOP, { expiresInSeconds: -3 })));
    expect(status).toBe(200);
  });

  test('refuses a session token for a shop without the app', async () => {
    const { status, body } = await postToken(exchangeBody(emulator.sessionToken('stranger.myshopify.com')));
    expect(status).toBe(400);
    expect(body).toEqual({
      error: 'invalid_subject_token',
      error_description: expect.stringMatching(/stranger/),
    });
  });

  test('issues offline tokens only', async () => {
    const online = exchangeBody(emulator.sessionToken(SHOP), '1', {
      requested_token_type: 'urn:shopify:params:oauth:token-type:online-access-token',
    });
    const { status, body } = await postToken(online);
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_request');
  });

  test('an expiring access token works until its hour is over, then answers 401', async () => {
    const { body } = await postToken(exchangeBody(emulator.sessionToken(SHOP)));
    clock += 3_599_000;
    expect(await graphqlStatus(body.access_token)).toBe(200);
    clock += 1_000;
    expect(await graphqlStatus(body.access_token)).toBe(401);
  });

  test('migrates a non-expiring token to an expiring pair and retires the old token', async () => {
    emulator.addShop('legacy.myshopify.com', 'shpat_legacy');
    const { status, body } = await postToken({
      ...exchangeBody('shpat_legacy'),
      subject_token_type: OFFLINE_TOKEN_TYPE,
    });
    expect(status).toBe(200);
    expect(body.refresh_token).toMatch(/^shprt_/);
    expect(await graphqlStatus(body.access_token)).toBe(200);
    expect(await graphqlStatus('shpat_legacy')).toBe(401);
    const again = await postToken({
      ...exchangeBody('shpat_legacy'),
      subject_token_type: OFFLINE_TOKEN_TYPE,
    });
    expect(again.body.error).toBe('invalid_subject_token');
  });
});

describe('refresh', () => {
  async function exchange() {
    return (await postToken(exchangeBody(emulator.sessionToken(SHOP)))).body;
  }

  test('rotates: a new pair each time; the old refresh token is retired once its replacement is used', async () => {
    const first = await exchange();
    clock += 3_600_000;
    expect(await graphqlStatus(first.access_token)).toBe(401);
    const second = await postToken(refreshBody(first.refresh_token));
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    expect(second.body).toMatchObject({
      scope: DEFAULT_SCOPES,
      expires_in: 3600,
      refresh_token_expires_in: 7_776_000,
    });
    expect(await graphqlStatus(second.body.access_token)).toBe(200);
    // The response was lost: the app may retry the token it still has, as Shopify allows.
    const retried = await postToken(refreshBody(first.refresh_token));
    expect(retried.status).toBe(200);
    // Using the replacement retires the token it replaced.
    const third = await postToken(refreshBody(second.body.refresh_token));
    expect(third.status).toBe(200);
    const reused = await postToken(refreshBody(first.refresh_token));
    expect(reused).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: expect.any(String) },
    });
    const refreshes = emulator.tokenRequests.filter((r) => r.grantType === 'refresh_token');
    expect(refreshes.map((r) => [r.shop, r.status])).toEqual([
      [SHOP, 200],
      [SHOP, 200],
      [SHOP, 200],
      [null, 400],
    ]);
  });

  test('a used refresh token can be retried for 30 days at most', async () => {
    const first = await exchange();
    expect((await postToken(refreshBody(first.refresh_token))).status).toBe(200);
    clock += REFRESH_RETRY_WINDOW_MS - 1_000;
    expect((await postToken(refreshBody(first.refresh_token))).status).toBe(200);
    clock += 1_000;
    expect((await postToken(refreshBody(first.refresh_token))).body.error).toBe('invalid_grant');
  });

  test('refuses an expired, unknown or wrongly authenticated refresh', async () => {
    const first = await exchange();
    expect((await postToken(refreshBody(first.refresh_token, 'wrong'))).body.error).toBe('invalid_client');
    expect((await postToken(refreshBody('shprt_unknown'))).body.error).toBe('invalid_grant');
    clock += 7_776_000_000;
    expect((await postToken(refreshBody(first.refresh_token))).body.error).toBe('invalid_grant');
  });

  test('refuses an unknown grant type', async () => {
    const { status, body } = await postToken({ ...refreshBody('x'), grant_type: 'authorization_code' });
    expect(status).toBe(400);
    expect(body.error).toBe('unsupported_grant_type');
  });

  test('accepts a form-encoded body too', async () => {
    const first = await exchange();
    const res = await fetch(`${emulator.url}${emulator.tokenPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(refreshBody(first.refresh_token)).toString(),
    });
    expect(res.status).toBe(200);
  });
});

describe('revokeApp', () => {
  test('uninstalling stops every token of the shop; reinstalling keeps its data', async () => {
    emulator.addShop('other.myshopify.com', 'shpat_other');
    emulator.addShop(SHOP, 'shpat_static');
    const pair = (await postToken(exchangeBody(emulator.sessionToken(SHOP)))).body;
    const order = emulator.shop(SHOP).addOrder({ totalPrice: '10.00' });
    emulator.revokeApp(SHOP);
    expect(await graphqlStatus(pair.access_token)).toBe(401);
    expect(await graphqlStatus('shpat_static')).toBe(401);
    expect((await postToken(refreshBody(pair.refresh_token))).body.error).toBe('invalid_grant');
    expect((await postToken(exchangeBody(emulator.sessionToken(SHOP)))).body.error).toBe(
      'invalid_subject_token',
    );
    expect(await graphqlStatus('shpat_other')).toBe(200);
    emulator.installApp(SHOP);
    expect(await graphqlStatus('shpat_static')).toBe(401);
    const again = await postToken(exchangeBody(emulator.sessionToken(SHOP)));
    expect(again.status).toBe(200);
    expect(emulator.shop(SHOP).orders.get(order.id)).toBe(order);
  });
});
