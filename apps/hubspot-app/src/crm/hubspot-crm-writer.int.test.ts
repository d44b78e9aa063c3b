// The HubSpot contact writer against the emulator (real client, real Redis limiter, PostgreSQL for
// the connection): batches of 100 deduplicated by email, 207 partial failures, a whole-batch 400
// split down to the bad input, a 429 storm, revoked and uninstalled tokens, a refresh mid-sync.
import { setTimeout as sleep } from 'node:timers/promises';
import { type CrmContact, loadConnection, saveConnection } from '@referrals/core';
import { buildMerchant } from '@referrals/core/testing';
import { dbTest } from '@referrals/core/testing/fixtures';
import type { HubSpotEmulatorOptions } from '@referrals/hubspot-emulator';
import { Redis } from 'ioredis';
import { describe, expect } from 'vitest';
import { type HubSpotFixture, startHubSpotFixture, testLogger } from '../testing/hubspot-fixture.js';
import { HubSpotCrmWriter } from './hubspot-crm-writer.js';
import { PortalRateLimiter } from './portal-rate-limiter.js';
import { ensureReferralProperties } from './properties.js';

type Ctx = { fx: HubSpotFixture; limiter: PortalRateLimiter; writer: HubSpotCrmWriter };

const withFixture = (options: { emulator?: HubSpotEmulatorOptions; refreshMarginMs?: number } = {}) =>
  dbTest.extend<Ctx>({
    fx: async ({ database }, use) => {
      const fx = await startHubSpotFixture(database.db, options);
      await use(fx);
      await fx.close();
    },
    // The limiter the fixture's clients are paced by (real Redis, a key prefix per test).
    limiter: async ({ fx }, use) => {
      await use(fx.limiter);
    },
    writer: async ({ fx }, use) => {
      await use(new HubSpotCrmWriter({ connections: fx.connections, logger: testLogger }));
    },
  });

let nextPortal = 660_000;

async function connected(fx: HubSpotFixture, db: Parameters<typeof buildMerchant>[0]) {
  const merchant = await buildMerchant(db);
  const portalId = nextPortal++;
  const portal = fx.emulator.addPortal(portalId);
  await fx.connections.connect(merchant.id, fx.emulator.authorize(portalId));
  await ensureReferralProperties((await fx.connections.client(merchant.id)).client);
  const upserts = () =>
    fx.emulator.requests.filter(
      (r) => r.portalId === portalId && r.route === 'POST /crm/v3/objects/contacts/batch/upsert',
    );
  return { merchant, portalId, portal, upserts };
}

const contact = (i: number, properties: Record<string, string> = {}): CrmContact => ({
  customerId: `customer-${i}`,
  email: `person${i}@example.com`,
  properties: {
    referral_code: `CODE${i}`,
    advocate_score: String(i % 100),
    referral_status: 'advocate',
    ...properties,
  },
});

describe('HubSpotCrmWriter', () => {
  const test = withFixture();

  test('250 contacts with duplicate emails -> 3 upserts of at most 100 unique inputs, all written', async ({
    fx,
    writer,
    database,
  }) => {
    const { merchant, portal, upserts } = await connected(fx, database.db);
    const contacts = Array.from({ length: 230 }, (_, i) => contact(i));
    // 20 more customers share an email with the first 20 (other case, spaces); their values win.
    for (let i = 0; i < 20; i++) {
      contacts.push({
        customerId: `twin-${i}`,
        email: `  Person${i}@EXAMPLE.com `,
        properties: { referred_by: 'ada@example.com', referral_source: 'link' },
      });
    }
    const result = await writer.write(merchant.id, contacts);
    expect(result.blocked).toBeUndefined();
    expect(result.failed).toEqual([]);
    expect(new Set(result.written)).toEqual(new Set(contacts.map((c) => c.customerId)));
    const sent = upserts().map((r) =>
      (r.body as { inputs: { id: string }[] }).inputs.map((input) => input.id),
    );
    expect(sent.map((ids) => ids.length)).toEqual([100, 100, 30]);
    for (const ids of sent) expect(new Set(ids).size).toBe(ids.length);
    expect(upserts().every((r) => r.status === 200)).toBe(true);
    const zero = portal.contactByEmail('person0@example.com');
    expect(Object.fromEntries(zero?.values ?? [])).toMatchObject({
      email: 'person0@example.com',
      referral_code: 'CODE0',
      referred_by: 'ada@example.com',
      referral_source: 'link',
      referral_status: 'advocate',
    });
    expect(portal.contactByEmail('person229@example.com')?.values.get('advocate_score')).toBe('29');
    expect(portal.contacts.records.size).toBe(230);
  });

  test('207: an invalid value fails that contact for good; the others are written', async ({
    fx,
    writer,
    database,
  }) => {
    const { merchant, portal, upserts } = await connected(fx, database.db);
    const contacts = [
      contact(1),
      contact(2, { advocate_score: 'lots' }),
      contact(3),
      contact(4, { referral_source: 'billboard' }),
    ];
    const result = await writer.write(merchant.id, contacts);
    expect(upserts().map((r) => r.status)).toEqual([207]);
    expect(result.written.sort()).toEqual(['customer-1', 'customer-3']);
    expect(result.failed).toEqual(
      expect.arrayContaining([
        {
          customerId: 'customer-2',
          error: 'VALIDATION_ERROR INVALID_INTEGER advocate_score',
          retryable: false,
        },
        {
          customerId: 'customer-4',
          error: 'VALIDATION_ERROR INVALID_OPTION referral_source',
          retryable: false,
        },
      ]),
    );
    expect(result.failed).toHaveLength(2);
    expect(portal.contactByEmail('person2@example.com')).toBeUndefined();
    expect(portal.contactByEmail('person3@example.com')).toBeDefined();
  });

  test('a property missing from the portal fails retryably: reconnecting creates it, nothing is dropped', async ({
    fx,
    writer,
    database,
  }) => {
    const { merchant } = await connected(fx, database.db);
    const result = await writer.write(merchant.id, [contact(1, { not_ours: 'x' })]);
    expect(result.failed).toEqual([
      { customerId: 'customer-1', error: 'VALIDATION_ERROR PROPERTY_DOESNT_EXIST not_ours', retryable: true },
    ]);
  });

  test('a daily limit blocks the call without pausing the 10 s schedule', async ({
    fx,
    limiter,
    writer,
    database,
  }) => {
    const { merchant, portalId } = await connected(fx, database.db);
    fx.emulator.setDailyLimit(portalId, 0);
    const result = await writer.write(merchant.id, [contact(1)]);
    expect(result).toEqual({
      written: [],
      failed: [],
      blocked: { reason: 'daily_limit', retryAfterMs: null },
    });
    expect(await limiter.pausedFor(String(portalId))).toBe(0);
  });

  test('5xx: that batch fails retryably, the next batch still goes', async ({ fx, writer, database }) => {
    const { merchant, portalId, upserts } = await connected(fx, database.db);
    fx.emulator.injectFault({ portalId, path: '/crm/v3/objects/contacts/batch/upsert', status: 502 });
    const result = await writer.write(
      merchant.id,
      Array.from({ length: 150 }, (_, i) => contact(i)),
    );
    expect(upserts().map((r) => r.status)).toEqual([502, 200]);
    expect(result.written).toHaveLength(50);
    expect(result.failed).toHaveLength(100);
    expect(result.failed[0]).toEqual({
      customerId: 'customer-0',
      error: '502 INTERNAL_ERROR',
      retryable: true,
    });
  });

  test('a revoked refresh token or an uninstalled app: blocked reconnect_needed, connection marked', async ({
    fx,
    writer,
    database,
  }) => {
    const { merchant, portalId, upserts } = await connected(fx, database.db);
    const db = database.db;
    // Uninstalled in HubSpot: the stored access token is refused (401) on the upsert.
    fx.emulator.uninstall(portalId);
    const refused = await writer.write(merchant.id, [contact(1)]);
    expect(refused).toEqual({
      written: [],
      failed: [],
      blocked: { reason: 'reconnect_needed', retryAfterMs: null },
    });
    expect(upserts()).toEqual([]); // refused before it ran (the emulator logs authenticated requests)
    const marked = await loadConnection(db, fx.encryptionKey, merchant.id, 'hubspot');
    expect(marked?.status).toBe('reconnect_needed');

    // Reconnected, then the refresh token is revoked while the access token is about to expire.
    await fx.connections.connect(merchant.id, fx.emulator.authorize(portalId));
    const current = await loadConnection(db, fx.encryptionKey, merchant.id, 'hubspot');
    await saveConnection(db, fx.encryptionKey, {
      ...current!,
      accessTokenExpiresAt: new Date(Date.now() - 1000),
    });
    fx.emulator.revokeRefreshToken(portalId);
    const revoked = await writer.write(merchant.id, [contact(2)]);
    expect(revoked.blocked).toEqual({ reason: 'reconnect_needed', retryAfterMs: null });
    expect(upserts()).toEqual([]); // no upsert was attempted with a dead token
    expect(fx.emulator.tokenRequests.filter((r) => r.grantType === 'refresh_token')).toHaveLength(1);
    expect((await loadConnection(db, fx.encryptionKey, merchant.id, 'hubspot'))?.status).toBe(
      'reconnect_needed',
    );
  });
});

describe('HubSpotCrmWriter with short-lived tokens', () => {
  // Tokens live 2 s and are refreshed when less than 0.5 s is left.
  const test = withFixture({ emulator: { accessTokenTtlSeconds: 2 }, refreshMarginMs: 500 });

  test('the token is refreshed mid-sync: the write after it expired goes out with the new one', async ({
    fx,
    writer,
    database,
  }) => {
    const { merchant, upserts } = await connected(fx, database.db);
    expect((await writer.write(merchant.id, [contact(1)])).written).toEqual(['customer-1']);
    await sleep(2100); // the first access token is now expired at the emulator too
    const after = await writer.write(merchant.id, [contact(2)]);
    expect(after.written).toEqual(['customer-2']);
    expect(upserts().map((r) => r.status)).toEqual([200, 200]);
    expect(
      fx.emulator.tokenRequests.filter((r) => r.grantType === 'refresh_token').length,
    ).toBeGreaterThanOrEqual(1);
  });
});

describe('HubSpotCrmWriter when HubSpot refuses whole batches', () => {
  const test = withFixture({ emulator: { invalidBatchInputs: 'reject-batch' } });

  test('a 400 for the whole batch is split until the bad input is alone; the others are written', async ({
    fx,
    writer,
    database,
  }) => {
    const { merchant, upserts } = await connected(fx, database.db);
    const contacts = Array.from({ length: 16 }, (_, i) =>
      contact(i, i === 11 ? { advocate_score: 'n/a' } : {}),
    );
    const result = await writer.write(merchant.id, contacts);
    expect(result.written).toHaveLength(15);
    expect(result.failed).toEqual([
      {
        customerId: 'customer-11',
        error: 'VALIDATION_ERROR INVALID_INTEGER advocate_score',
        retryable: false,
      },
    ]);
    // 16 -> 8 + 8 -> 4 + 4 -> 2 + 2 -> 1 + 1: four 400s down one path, each sibling written at once.
    expect(upserts().map((r) => r.status)).toEqual([400, 200, 400, 400, 200, 400, 200, 400, 200]);
  });
});

describe('HubSpotCrmWriter in a 429 storm', () => {
  // The portal's other traffic has used its budget: 5 requests per 10 s are left, 3 of which the
  // property set-up takes, so the third upsert meets HubSpot's own 429.
  const test = withFixture({ emulator: { tenSecondLimit: 5 } });

  test('one 429, the portal paused for every process, nothing sent until the window clears', async ({
    fx,
    limiter,
    writer,
    database,
  }) => {
    const { merchant, portalId, upserts } = await connected(fx, database.db);
    const contacts = Array.from({ length: 500 }, (_, i) => contact(i));
    const started = Date.now();
    const first = await writer.write(merchant.id, contacts);
    expect(Date.now() - started).toBeLessThan(2_000); // the call returns; it does not sit out the pause
    expect(first.blocked).toEqual({ reason: 'rate_limited', retryAfterMs: 10_000 });
    // Two batches went through before the 429; the other two were never sent.
    expect(upserts().map((r) => r.status)).toEqual([200, 200, 429]);
    expect(first.written).toHaveLength(200);
    expect(fx.emulator.stats(portalId).rateLimited).toBe(1);

    // Another process (its own Redis connection and limiter on the same keys) waits too.
    const otherRedis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    try {
      const other = new PortalRateLimiter({ redis: otherRedis, keyPrefix: limiter.keyPrefix });
      expect(await other.pausedFor(String(portalId))).toBeGreaterThan(9_000);
      const writer = new HubSpotCrmWriter({
        connections: fx.connectionsWith(other),
        logger: testLogger,
      });
      const resumed = Date.now();
      const second = writer.write(merchant.id, contacts.slice(200, 300));
      await sleep(1000);
      expect(upserts()).toHaveLength(3); // nothing sent during the pause
      const result = await second;
      expect(Date.now() - resumed).toBeGreaterThan(8_500);
      expect(result).toMatchObject({ failed: [] });
      expect(result.written).toHaveLength(100);
      expect(upserts().map((r) => r.status)).toEqual([200, 200, 429, 200]);
      expect(fx.emulator.stats(portalId).rateLimited).toBe(1);
    } finally {
      otherRedis.disconnect();
    }
  }, 30_000);
});
