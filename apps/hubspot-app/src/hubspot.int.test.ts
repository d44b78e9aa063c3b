// The HubSpot app over real HTTP against the emulator (real @hubspot/api-client), PostgreSQL:
// OAuth connect bound to the merchant, token refresh and revocation, signed webhooks stored once,
// deals that close as conversions, and the app card's backend.
import { loadConnection, signOAuthState } from '@referrals/core';
import { allRowsOf, buildMerchant, rowsOf } from '@referrals/core/testing';
import { dbTest } from '@referrals/core/testing/fixtures';
import { sendHubSpotWebhook, webhookEvent } from '@referrals/hubspot-emulator';
import { describe, expect } from 'vitest';
import { ReconnectNeededError } from './hubspot/connections.js';
import { type HubSpotFixture, startHubSpotFixture } from './testing/hubspot-fixture.js';

const test = dbTest.extend<{ fx: HubSpotFixture }>({
  fx: async ({ database }, use) => {
    const fx = await startHubSpotFixture(database.db);
    await use(fx);
    await fx.close();
  },
});

let nextPortal = 880_000;

describe('HubSpot connect', () => {
  test('the signed state binds the portal to the merchant who started; forged or stale states change nothing', async ({
    fx,
    database,
  }) => {
    const merchant = await buildMerchant(database.db);
    const portalId = nextPortal++;
    fx.emulator.addPortal(portalId);
    const state = signOAuthState(fx.encryptionKey, merchant.id);

    const start = await fetch(`${fx.baseUrl}/hubspot/connect?state=${encodeURIComponent(state)}`, {
      redirect: 'manual',
    });
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location') ?? '');
    expect(authorize.searchParams.get('state')).toBe(state);
    expect(authorize.searchParams.get('client_id')).toBe(fx.emulator.clientId);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${fx.baseUrl}/hubspot/oauth/callback`);

    const forged = await fetch(
      `${fx.baseUrl}/hubspot/oauth/callback?code=${fx.emulator.authorize(portalId)}&state=${encodeURIComponent(`${state}x`)}`,
    );
    expect(forged.status).toBe(400);
    expect(await allRowsOf(database.db, 'platform_connections')).toHaveLength(0);

    const code = fx.emulator.authorize(portalId);
    const done = await fetch(
      `${fx.baseUrl}/hubspot/oauth/callback?code=${code}&state=${encodeURIComponent(state)}`,
    );
    expect(done.status).toBe(200);
    expect(fx.connected).toEqual([{ merchantId: merchant.id, portalId: String(portalId) }]);
    const connection = await loadConnection(database.db, fx.encryptionKey, merchant.id, 'hubspot');
    expect(connection).toMatchObject({ externalAccountId: String(portalId), status: 'active' });
    const [row] = await allRowsOf(database.db, 'platform_connections');
    expect(row?.accessTokenEnc.toString('latin1')).not.toContain(connection?.accessToken ?? 'x');

    // The same portal for another store is refused.
    const other = await buildMerchant(database.db);
    const taken = await fetch(
      `${fx.baseUrl}/hubspot/oauth/callback?code=${fx.emulator.authorize(portalId)}&state=${encodeURIComponent(signOAuthState(fx.encryptionKey, other.id))}`,
    );
    expect(taken.status).toBe(409);
  });

  test('tokens are refreshed once for concurrent callers; a revoked refresh token means reconnect, not data loss', async ({
    fx,
    database,
  }) => {
    const merchant = await buildMerchant(database.db);
    const portalId = nextPortal++;
    fx.emulator.addPortal(portalId);
    await fx.connections.connect(merchant.id, fx.emulator.authorize(portalId));
    const age = async (expiresAt: Date) => {
      const current = await loadConnection(database.db, fx.encryptionKey, merchant.id, 'hubspot');
      if (!current) throw new Error('no connection');
      const { saveConnection } = await import('@referrals/core');
      await saveConnection(database.db, fx.encryptionKey, { ...current, accessTokenExpiresAt: expiresAt });
    };
    await age(new Date(Date.now() + 60_000));
    const tokens = await Promise.all(
      Array.from({ length: 5 }, () => fx.connections.accessToken(merchant.id)),
    );
    expect(new Set(tokens.map((t) => t.token)).size).toBe(1);
    const refreshes = fx.emulator.tokenRequests.filter((r) => r.grantType === 'refresh_token');
    expect(refreshes).toHaveLength(1);

    await age(new Date(Date.now() - 1000));
    fx.emulator.revokeRefreshToken(portalId);
    await expect(fx.connections.accessToken(merchant.id)).rejects.toBeInstanceOf(ReconnectNeededError);
    const connection = await loadConnection(database.db, fx.encryptionKey, merchant.id, 'hubspot');
    expect(connection?.status).toBe('reconnect_needed');
  });
});

describe('POST /webhooks/hubspot', () => {
  test('signed events are stored once; forged, stale or malformed deliveries store nothing', async ({
    fx,
    database,
  }) => {
    const merchant = await buildMerchant(database.db);
    const portalId = nextPortal++;
    fx.emulator.addPortal(portalId);
    await fx.connections.connect(merchant.id, fx.emulator.authorize(portalId));
    const url = `${fx.baseUrl}/webhooks/hubspot`;
    const events = [
      webhookEvent({
        portalId,
        objectId: 11,
        subscriptionType: 'object.propertyChange',
        propertyName: 'dealstage',
        propertyValue: 'closedwon',
      }),
      webhookEvent({ portalId, objectId: 12, subscriptionType: 'object.creation' }),
    ];
    const inbox = () => rowsOf(database.db, 'inbound_events', merchant.id);

    expect((await sendHubSpotWebhook({ url, events, clientSecret: 'wrong-secret' })).status).toBe(401);
    expect(
      (
        await sendHubSpotWebhook({
          url,
          events,
          clientSecret: fx.emulator.clientSecret,
          timestamp: Date.now() - 6 * 60_000,
        })
      ).status,
    ).toBe(401);
    expect(
      (await sendHubSpotWebhook({ url, events, clientSecret: fx.emulator.clientSecret, signature: 'AAAA' }))
        .status,
    ).toBe(401);
    expect(await inbox()).toHaveLength(0);

    const first = await sendHubSpotWebhook({ url, events, clientSecret: fx.emulator.clientSecret });
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toMatchObject({ stored: 2, duplicates: 0 });
    // Redelivered, shuffled: nothing new.
    const again = await sendHubSpotWebhook({
      url,
      events: [...events].reverse(),
      clientSecret: fx.emulator.clientSecret,
    });
    expect(JSON.parse(again.body)).toMatchObject({ stored: 0, duplicates: 2 });
    const rows = await inbox();
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.externalId).sort()).toEqual(
      events.map((e) => `${portalId}:${e.eventId}`).sort(),
    );

    const unknown = await sendHubSpotWebhook({
      url,
      events: [webhookEvent({ portalId: 1, objectId: 1, subscriptionType: 'object.creation' })],
      clientSecret: fx.emulator.clientSecret,
    });
    expect(JSON.parse(unknown.body)).toMatchObject({ unknownPortal: 1, stored: 0 });

    const malformed = await fetch(url, { method: 'POST', body: '[{' });
    expect(malformed.status).toBe(401); // unsigned: refused before parsing
  });
});
