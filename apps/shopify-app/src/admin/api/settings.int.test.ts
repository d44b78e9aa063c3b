// /api/settings: auth, the HubSpot connection with its sync health, and webhook health per topic,
// each confined to the session token's shop, on PostgreSQL. The existing HubSpot and privacy
// routes the page also uses keep answering as before.
import {
  findMerchantByShopDomain,
  flushCrmBatch,
  ingestInboundEvent,
  markContactsChanged,
  saveConnection,
} from '@referrals/core';
import { buildAdvocate, buildProgram, RecordingCrmWriter, updateRowsOf } from '@referrals/core/testing';
import { describe, expect } from 'vitest';
import { adminApiTest } from '../../testing/admin-api.js';
import type { PlatformFixture } from '../../testing/platform.js';
import { privacyRequestListResponseSchema, settingsResponseSchema } from '../contract/settings.js';

const test = adminApiTest;

const call = (baseUrl: string, path: string, token?: string) =>
  fetch(`${baseUrl}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

async function installed(
  fx: PlatformFixture,
  baseUrl: string,
  db: Parameters<typeof findMerchantByShopDomain>[0],
  shop: string,
) {
  fx.emulator.installApp(shop);
  const token = fx.emulator.sessionToken(shop);
  expect((await call(baseUrl, '/api/shop', token)).status).toBe(200);
  return { token, merchant: (await findMerchantByShopDomain(db, shop))! };
}

describe('/api/settings', () => {
  test('401 without a session token', async ({ baseUrl }) => {
    const res = await call(baseUrl, '/api/settings');
    expect(res.status).toBe(401);
    expect(res.headers.get('x-shopify-retry-invalid-session-request')).toBe('1');
  });

  test('a shop with nothing connected: HubSpot available but not connected, no webhooks yet', async ({
    fx,
    baseUrl,
    database,
  }) => {
    const { token } = await installed(fx, baseUrl, database.db, 'settings-empty.myshopify.com');
    const body = settingsResponseSchema.parse(await (await call(baseUrl, '/api/settings', token)).json());
    expect(body).toEqual({
      hubspot: { available: true, connected: false, portalId: null, status: null, sync: null },
      checkoutCodes: {
        codesPlaced: 0,
        codeDiscountActive: false,
        automaticDiscountActive: false,
        lastSyncedAt: null,
        lastReconciledAt: null,
        failures: 0,
        lastError: null,
        failingCodes: [],
        failingCodeCount: 0,
      },
      webhooks: { windowDays: 30, topics: [] },
    });
    const privacy = privacyRequestListResponseSchema.parse(
      await (await call(baseUrl, '/api/privacy-requests', token)).json(),
    );
    expect(privacy.privacyRequests).toEqual([]);
  });

  test('HubSpot sync backlog and last error, webhook health per topic; another shop sees none of it', async ({
    fx,
    baseUrl,
    database,
  }) => {
    const db = database.db;
    const a = await installed(fx, baseUrl, db, 'settings-a.myshopify.com');
    const b = await installed(fx, baseUrl, db, 'settings-b.myshopify.com');
    await saveConnection(db, fx.encryptionKey, {
      merchantId: a.merchant.id,
      platform: 'hubspot',
      externalAccountId: '424242',
      accessToken: 'hubspot-token',
    });
    const { programId } = await buildProgram(db, a.merchant.id);
    const advocate = await buildAdvocate(db, a.merchant.id, programId);
    await markContactsChanged(db, {
      platform: 'hubspot',
      at: new Date(),
      changes: [
        {
          merchantId: a.merchant.id,
          outboxId: 1,
          topic: 'advocate.enrolled',
          aggregateId: advocate.advocateId,
        },
      ],
    });
    await updateRowsOf(
      db,
      'crm_sync_queue',
      a.merchant.id,
      { customerId: advocate.customerId },
      {
        attempts: 2,
        lastError: 'HubSpot answered 502 Bad Gateway',
      },
    );

    const ingest = (externalId: string, topic: string) =>
      ingestInboundEvent(db, {
        merchantId: a.merchant.id,
        platform: 'shopify',
        externalId,
        topic,
        payload: {},
      });
    await ingest('w1', 'orders/paid');
    await ingest('w2', 'orders/paid');
    await ingest('w3', 'refunds/create');
    await updateRowsOf(
      db,
      'inbound_events',
      a.merchant.id,
      { externalId: 'w2' },
      {
        status: 'failed',
        error: 'internal detail that stays internal',
      },
    );
    await updateRowsOf(db, 'inbound_events', a.merchant.id, { externalId: 'w1' }, { status: 'processed' });

    const res = await call(baseUrl, '/api/settings', a.token);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain('internal detail');
    const body = settingsResponseSchema.parse(JSON.parse(text));
    expect(body.hubspot).toMatchObject({
      available: true,
      connected: true,
      portalId: '424242',
      status: 'active',
      sync: {
        pending: 1,
        retrying: 1,
        parkedReason: null,
        lastError: { message: 'HubSpot answered 502 Bad Gateway' },
        lastSuccessAt: null,
      },
    });
    expect(body.webhooks.topics).toEqual([
      expect.objectContaining({
        platform: 'shopify',
        topic: 'orders/paid',
        received: 2,
        failed: 1,
        waiting: 0,
      }),
      expect.objectContaining({
        platform: 'shopify',
        topic: 'refunds/create',
        received: 1,
        failed: 0,
        waiting: 1,
      }),
    ]);
    expect(body.webhooks.topics[0]?.lastFailedAt).toBeTruthy();
    expect(body.webhooks.topics[1]?.lastFailedAt).toBeNull();

    const other = settingsResponseSchema.parse(await (await call(baseUrl, '/api/settings', b.token)).json());
    expect(other.hubspot.connected).toBe(false);
    expect(other.webhooks.topics).toEqual([]);
    // A flush that writes the contact: the sync reads as done, with when it last succeeded.
    await updateRowsOf(
      db,
      'crm_sync_queue',
      a.merchant.id,
      { customerId: advocate.customerId },
      { nextAttemptAt: new Date(Date.now() - 1000) },
    );
    const flushedAt = new Date();
    const flushed = await flushCrmBatch(db, new RecordingCrmWriter(), {
      merchantId: a.merchant.id,
      platform: 'hubspot',
      linkFor: (code) => `https://app.test/r/${code}`,
      clock: () => flushedAt,
    });
    expect(flushed).toMatchObject({ claimed: 1, written: 1 });
    const synced = settingsResponseSchema.parse(await (await call(baseUrl, '/api/settings', a.token)).json());
    expect(synced.hubspot.sync).toMatchObject({
      pending: 0,
      lastError: null,
      lastSuccessAt: flushedAt.toISOString(),
    });
    const otherAfter = settingsResponseSchema.parse(
      await (await call(baseUrl, '/api/settings', b.token)).json(),
    );
    expect(otherAfter.hubspot.sync).toBeNull();
    // The existing route keeps answering for the connected shop.
    expect(await (await call(baseUrl, '/api/integrations/hubspot', a.token)).json()).toMatchObject({
      connected: true,
      portalId: '424242',
    });
  });
});
