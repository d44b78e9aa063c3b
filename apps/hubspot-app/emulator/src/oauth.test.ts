import { Client } from '@hubspot/api-client';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_SCOPES, type HubSpotEmulator, startHubSpotEmulator } from './server.js';

// biome-ignore lint/suspicious/noExplicitAny: error bodies are read field by field in assertions.
type Json = any;

const PORTAL = 7001;
const REDIRECT = 'https://app.example.test/oauth/callback';
let clock: number;
let emulator: HubSpotEmulator;

beforeEach(async () => {
  clock = Date.parse('2026-11-01T00:00:00Z');
  emulator = await startHubSpotEmulator({
    now: () => clock,
    clientId: 'client-1',
    clientSecret: 'secret-1',
    redirectUri: REDIRECT,
  });
  emulator.addPortal(PORTAL);
});
afterEach(() => emulator.close());

const oauthClient = () => new Client({ basePath: emulator.url, numberOfApiCallRetries: 0 });
const crmClient = (accessToken: string) => new Client({ accessToken, basePath: emulator.url });

/** The error the client throws, so tests can read `code` and `body`. */
async function failure(promise: Promise<unknown>): Promise<{ code: number; body: Json }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: number; body: Json };
  }
  throw new Error('expected the call to fail');
}

const exchange = (code: string, redirectUri = REDIRECT, secret = 'secret-1') =>
  oauthClient().oauth.tokensApi.create('authorization_code', code, redirectUri, 'client-1', secret);

describe('OAuth token endpoint through @hubspot/api-client', () => {
  test('exchanges an authorization code once, for tokens that read the CRM of that portal', async () => {
    const code = emulator.authorize(PORTAL);
    const tokens = await exchange(code);
    expect(tokens).toMatchObject({ tokenType: 'bearer', expiresIn: 1800 });
    expect(tokens.refreshToken).toMatch(/^na1-/);
    const info = await oauthClient().oauth.accessTokensApi.get(tokens.accessToken);
    expect(info).toMatchObject({
      hubId: PORTAL,
      appId: emulator.appId,
      scopes: DEFAULT_SCOPES,
      expiresIn: 1800,
    });
    const email = await crmClient(tokens.accessToken).crm.properties.coreApi.getByName('contacts', 'email');
    expect(email.name).toBe('email');

    const again = await failure(exchange(code));
    expect(again.code).toBe(400);
    expect(again.body.status).toBe('BAD_AUTH_CODE');
    expect(emulator.tokenRequests.map((r) => [r.grantType, r.portalId, r.status])).toEqual([
      ['authorization_code', PORTAL, 200],
      ['authorization_code', null, 400],
    ]);
  });

  test('checks the client secret and the redirect URI the code was issued for', async () => {
    const code = emulator.authorize(PORTAL);
    expect((await failure(exchange(code, REDIRECT, 'wrong'))).body.status).toBe('BAD_CLIENT_SECRET');
    expect((await failure(exchange(code, 'https://elsewhere.test/cb'))).body.status).toBe('BAD_REDIRECT_URI');
    // Neither failure used the code up.
    expect((await exchange(code)).accessToken).toEqual(expect.any(String));
  });

  test('refresh keeps the refresh token and mints a new access token; revoking it stops refreshes only', async () => {
    const first = await exchange(emulator.authorize(PORTAL));
    clock += 1000 * 1000;
    const refreshed = await oauthClient().oauth.tokensApi.create(
      'refresh_token',
      undefined,
      undefined,
      'client-1',
      'secret-1',
      first.refreshToken,
    );
    expect(refreshed.refreshToken).toBe(first.refreshToken);
    expect(refreshed.accessToken).not.toBe(first.accessToken);

    await oauthClient().oauth.refreshTokensApi.archive(first.refreshToken);
    const refused = await failure(
      oauthClient().oauth.tokensApi.create(
        'refresh_token',
        undefined,
        undefined,
        'client-1',
        'secret-1',
        first.refreshToken,
      ),
    );
    expect(refused.code).toBe(400);
    expect(refused.body).toMatchObject({
      status: 'BAD_REFRESH_TOKEN',
      message: 'missing or invalid refresh token',
    });
    // The access token minted before the revocation lives until it expires.
    const stillWorks = await crmClient(refreshed.accessToken).crm.properties.groupsApi.getAll('contacts');
    expect(stillWorks.results.map((g) => g.name)).toContain('contactinformation');
  });

  test('an expired access token gets 401 EXPIRED_AUTHENTICATION; an unknown one INVALID_AUTHENTICATION', async () => {
    const { accessToken } = emulator.issueTokens(PORTAL);
    clock += 1800 * 1000 + 5 * 60_000;
    const expired = await failure(crmClient(accessToken).crm.contacts.basicApi.getById('1'));
    expect(expired.code).toBe(401);
    expect(expired.body).toMatchObject({
      status: 'error',
      category: 'EXPIRED_AUTHENTICATION',
      message: 'The OAuth token used to make this call expired 5 minute(s) ago.',
      correlationId: expect.any(String),
    });
    const unknown = await failure(crmClient('not-a-token').crm.contacts.basicApi.getById('1'));
    expect(unknown.code).toBe(401);
    expect(unknown.body.category).toBe('INVALID_AUTHENTICATION');
  });

  test('revokeRefreshToken and uninstall', async () => {
    const { accessToken, refreshToken } = emulator.issueTokens(PORTAL);
    expect(emulator.revokeRefreshToken(PORTAL)).toBe(1);
    const refused = await failure(
      oauthClient().oauth.tokensApi.create(
        'refresh_token',
        undefined,
        undefined,
        'client-1',
        'secret-1',
        refreshToken,
      ),
    );
    expect(refused.body.status).toBe('BAD_REFRESH_TOKEN');
    expect((await crmClient(accessToken).crm.properties.coreApi.getByName('contacts', 'email')).name).toBe(
      'email',
    );
    emulator.uninstall(PORTAL);
    const gone = await failure(crmClient(accessToken).crm.properties.coreApi.getByName('contacts', 'email'));
    expect(gone.code).toBe(401);
    expect(gone.body.category).toBe('INVALID_AUTHENTICATION');
  });

  test('a token without the route scope gets 403 MISSING_SCOPES', async () => {
    const { accessToken } = emulator.issueTokens(PORTAL, { scopes: ['oauth', 'crm.objects.contacts.read'] });
    const refused = await failure(
      crmClient(accessToken).crm.contacts.batchApi.upsert({
        inputs: [{ id: 'a@example.com', idProperty: 'email', properties: { firstname: 'A' } }],
      }),
    );
    expect(refused.code).toBe(403);
    expect(refused.body.category).toBe('MISSING_SCOPES');
    expect(refused.body.errors[0].context.requiredGranularScopes).toEqual(['crm.objects.contacts.write']);
  });

  test('GET /oauth/authorize redirects to the redirect URI with a code and the state', async () => {
    const url = `${emulator.url}/oauth/authorize?client_id=client-1&redirect_uri=${encodeURIComponent(REDIRECT)}&scope=oauth%20crm.objects.contacts.read&state=xyz`;
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('xyz');
    const tokens = await exchange(location.searchParams.get('code') ?? '');
    const info = await oauthClient().oauth.accessTokensApi.get(tokens.accessToken);
    expect(info.scopes).toEqual(['oauth', 'crm.objects.contacts.read']);
  });
});
