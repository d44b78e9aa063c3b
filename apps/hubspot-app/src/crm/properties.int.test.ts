// The referral properties against the emulator through the real client: created once, a second
// run finds them all, a property made by hand with another type is reported, and a batch refused
// as a whole falls back to one request per property.
import { buildMerchant } from '@referrals/core/testing';
import { dbTest } from '@referrals/core/testing/fixtures';
import { describe, expect } from 'vitest';
import { type HubSpotFixture, startHubSpotFixture } from '../testing/hubspot-fixture.js';
import { ensureReferralProperties, REFERRAL_PROPERTIES } from './properties.js';

const test = dbTest.extend<{ fx: HubSpotFixture }>({
  fx: async ({ database }, use) => {
    const fx = await startHubSpotFixture(database.db);
    await use(fx);
    await fx.close();
  },
});

let nextPortal = 770_000;

async function connectedPortal(fx: HubSpotFixture, db: Parameters<typeof buildMerchant>[0]) {
  const merchant = await buildMerchant(db);
  const portalId = nextPortal++;
  const portal = fx.emulator.addPortal(portalId);
  await fx.connections.connect(merchant.id, fx.emulator.authorize(portalId));
  const { client } = await fx.connections.client(merchant.id);
  return { merchant, portalId, portal, client };
}

const names = REFERRAL_PROPERTIES.map((p) => p.name);

describe('ensureReferralProperties', () => {
  test('creates the group and every property once; a second run finds them all', async ({ fx, database }) => {
    const { portal, portalId, client } = await connectedPortal(fx, database.db);
    const first = await ensureReferralProperties(client);
    expect(first).toEqual({ created: names, existing: [], mismatched: [] });
    expect(portal.contactProperties.groups.get('referrals')).toMatchObject({ label: 'Referrals' });
    const defined = (name: string) => portal.contactProperties.properties.get(name);
    expect(defined('referral_source')).toMatchObject({
      type: 'enumeration',
      fieldType: 'select',
      groupName: 'referrals',
    });
    expect(defined('referral_source')?.options.map((o) => o.value)).toEqual([
      'link',
      'code',
      'discount',
      'email',
      'deal',
    ]);
    expect(defined('referral_status')?.options.map((o) => o.value)).toContain('advocate');
    expect(defined('advocate_score')).toMatchObject({ type: 'number', fieldType: 'number' });
    expect(defined('last_referral_at')).toMatchObject({ type: 'datetime', fieldType: 'date' });
    expect(defined('referred_by')).toMatchObject({ type: 'string', fieldType: 'text' });

    const before = fx.emulator.stats(portalId).requests;
    const second = await ensureReferralProperties(client);
    expect(second).toEqual({ created: [], existing: names, mismatched: [] });
    // group (409) + batch create (207, every input exists) + one read back.
    expect(fx.emulator.stats(portalId).requests - before).toBe(3);
    expect(fx.emulator.stats(portalId).byStatus).toMatchObject({ 409: 1, 207: 1 });
  });

  test('a property someone made with another type is reported as mismatched, the rest are created', async ({
    fx,
    database,
  }) => {
    const { merchant, portal, portalId } = await connectedPortal(fx, database.db);
    // The portal's client with a limiter that records each slot it hands out, then defers to the real one.
    const beforeRequests: string[] = [];
    const { client } = await fx
      .connectionsWith({
        acquire: async (id, signal) => {
          beforeRequests.push('acquired');
          await fx.limiter.acquire(id, signal);
        },
        pause: (id, ms) => fx.limiter.pause(id, ms),
      })
      .client(merchant.id);
    portal.contactProperties.addGroup({ name: 'referrals', label: 'Referrals (ours)' });
    portal.contactProperties.create({
      name: 'advocate_score',
      label: 'Advocate score',
      type: 'string',
      fieldType: 'text',
      groupName: 'referrals',
    });
    portal.contactProperties.create({
      name: 'referral_source',
      label: 'Referral source',
      type: 'enumeration',
      fieldType: 'select',
      groupName: 'referrals',
      options: [{ label: 'Link', value: 'link' }],
    });
    const result = await ensureReferralProperties(client);
    expect(result.existing).toEqual(['referral_source', 'advocate_score']);
    expect(result.created).toEqual(names.filter((n) => n !== 'advocate_score' && n !== 'referral_source'));
    expect(result.mismatched).toEqual([
      { name: 'referral_source', expected: 'options code, discount, email, deal', actual: 'options missing' },
      { name: 'advocate_score', expected: 'number/number', actual: 'string/text' },
    ]);
    expect(beforeRequests).toHaveLength(3); // every request went through the limiter hook
    expect(fx.emulator.requests.filter((r) => r.portalId === portalId)).toHaveLength(3); // once each
  });

  test('a batch refused as a whole (409) is created one property at a time', async ({ fx, database }) => {
    const { portal, portalId, client } = await connectedPortal(fx, database.db);
    portal.contactProperties.addGroup({ name: 'referrals', label: 'Referrals' });
    portal.contactProperties.create({
      name: 'referral_code',
      label: 'Referral code',
      type: 'string',
      fieldType: 'text',
      groupName: 'referrals',
    });
    fx.emulator.injectFault({
      portalId,
      path: '/crm/v3/properties/contacts/batch/create',
      status: 409,
      body: { status: 'error', category: 'OBJECT_ALREADY_EXISTS', message: 'exists', correlationId: 'c-1' },
    });
    const result = await ensureReferralProperties(client);
    expect(result).toEqual({
      created: names.filter((n) => n !== 'referral_code'),
      existing: ['referral_code'],
      mismatched: [],
    });
    expect(fx.emulator.stats(portalId).byPath).toMatchObject({ 'POST /crm/v3/properties/{objectType}': 10 });
  });

  test('anything but "already exists" is an error (here: a token without the schema scope)', async ({
    fx,
    database,
  }) => {
    const merchant = await buildMerchant(database.db);
    const portalId = nextPortal++;
    fx.emulator.addPortal(portalId);
    await fx.connections.connect(
      merchant.id,
      fx.emulator.authorize(portalId, { scopes: ['oauth', 'crm.objects.contacts.write'] }),
    );
    const { client } = await fx.connections.client(merchant.id);
    const error = (await ensureReferralProperties(client).catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ code: 403, body: { category: 'MISSING_SCOPES' } });
    expect(error.message).toMatch(
      /^HubSpot property request failed: 403 MISSING_SCOPES \(correlationId [0-9a-f-]+\)$/,
    );
  });
});
