// Issue 4's "done": a connected (emulated) portal shows correct referral properties and scores on
// its contacts within seconds of a referral converting, never exceeds its limits, and loses nothing
// when a token is revoked. The real Shopify and HubSpot clients against their emulators, both apps'
// routes, PostgreSQL, Redis and the worker.
import { crmContactProperties, crmSyncStatus, loadConnection, saveConnection } from '@referrals/core';
import { computeAdvocateScore, referralsWithOrderIds, rowsOf } from '@referrals/core/testing';
import { dbTest } from '@referrals/core/testing/fixtures';
import { connectSandboxPortal, SANDBOX_PORTAL_ID } from '@referrals/hubspot-app';
import { sendHubSpotWebhook, webhookEvent } from '@referrals/hubspot-emulator';
import { describe, expect } from 'vitest';
import {
  contact,
  type HubSpotStack,
  maxRequestsPer10s,
  referralValues,
  startHubSpotStack,
} from './testing/hubspot-stack.js';
import { waitFor } from './testing/wait-for.js';

const test = dbTest.extend<{ stack: HubSpotStack }>({
  stack: async ({ engine }, use) => {
    const stack = await startHubSpotStack(engine);
    await use(stack);
    await stack.close();
  },
});

/** Never a 429, never more than HubSpot's 110 requests in a sliding 10 s, and only `refused` refused. */
function expectWithinLimits(stack: HubSpotStack, portalId: number, refused: string[] = []) {
  const { requests } = stack.hubspotEmulator;
  expect(stack.hubspotEmulator.stats(portalId).rateLimited).toBe(0);
  expect(maxRequestsPer10s(requests, portalId)).toBeLessThanOrEqual(110);
  const errors = requests.filter((r) => r.portalId === portalId && r.status >= 400);
  expect(errors.map((r) => `${r.status} ${r.route}`)).toEqual(refused);
}

describe('HubSpot end to end', () => {
  test('connect -> properties + backfill -> a Shopify referral converts -> both contacts within seconds', async ({
    engine,
    stack,
  }) => {
    const { shop, state, merchantId, ada } = await stack.shopWithAdvocate();

    // The merchant clicks "Connect HubSpot": the OAuth callback creates the properties and queues Ada.
    const { portalId, portal } = await stack.connectPortal(merchantId);
    const group = [...portal.contactProperties.properties.values()].filter(
      (p) => p.groupName === 'referrals',
    );
    expect(group.map((p) => p.name).sort()).toEqual([...crmContactProperties].sort());
    expect(portal.contactProperties.groups.get('referrals')?.label).toBe('Referrals');
    const link = `${stack.shopifyUrl}/r/${ada.code}?shop=${shop}`;
    await waitFor('advocate backfilled', async () => contact(portal, 'ada@example.com'));
    expect(referralValues(contact(portal, 'ada@example.com'))).toEqual({
      referral_code: ada.code,
      referral_link: link,
      referral_status: 'advocate',
      advocate_score: '0',
      successful_referrals: '0',
      referral_revenue: '0.00',
      rewards_earned: '0.00',
      last_referral_at: '',
    });
    // The link on the contact is the one the Shopify app serves.
    expect((await fetch(link, { redirect: 'manual' })).status).toBe(302);

    // Bob pays with Ada's code in his cart.
    const paidAt = Date.now();
    const order = { id: 6001, email: 'bob@example.org', total: '120.00', code: ada.code };
    expect(await stack.pay(shop, state, order)).toBe(200);
    await waitFor(
      'the referral on both contacts',
      async () =>
        contact(portal, 'ada@example.com')?.successful_referrals === '1' &&
        contact(portal, 'bob@example.org')?.referred_by,
    );
    expect(Date.now() - paidAt).toBeLessThan(5000);

    // The store credit is issued in Shopify; the contacts follow.
    await waitFor(
      'reward on the contacts',
      async () =>
        contact(portal, 'ada@example.com')?.rewards_earned === '15.00' &&
        contact(portal, 'bob@example.org')?.referral_status === 'rewarded',
    );
    expect(state.transactions).toMatchObject([{ kind: 'credit', amountMinor: 1500 }]);
    const score = await computeAdvocateScore(engine.db, {
      merchantId,
      advocateId: ada.advocateId,
      now: new Date(),
    });
    expect(score.score).toBeGreaterThan(0);
    const adaNow = contact(portal, 'ada@example.com');
    expect(referralValues(adaNow)).toEqual({
      referral_code: ada.code,
      referral_link: link,
      referral_status: 'advocate',
      advocate_score: String(score.score),
      successful_referrals: '1',
      referral_revenue: '120.00',
      rewards_earned: '15.00',
      // Sent as epoch ms; HubSpot (and the emulator) read datetimes back as ISO 8601.
      last_referral_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/),
    });
    expect(Date.parse(adaNow?.last_referral_at ?? '')).toBeGreaterThanOrEqual(paidAt - 1000);
    expect(Date.parse(adaNow?.last_referral_at ?? '')).toBeLessThanOrEqual(Date.now());
    expect(referralValues(contact(portal, 'bob@example.org'))).toEqual({
      referred_by: 'ada@example.com',
      referral_source: 'link',
      referral_status: 'rewarded',
    });
    await waitFor(
      'queue drained',
      async () => (await crmSyncStatus(engine.db, merchantId, 'hubspot')).pending === 0,
    );
    expectWithinLimits(stack, portalId);
  });

  test('token refreshed; then refused: the sync parks, loses nothing, and catches up on reconnect', async ({
    engine,
    stack,
  }) => {
    const { shop, state, merchantId, ada } = await stack.shopWithAdvocate();
    // The sandbox's own connect, as `npm start` runs it.
    expect(await connectSandboxPortal(stack.hubspot, merchantId)).toBe(String(SANDBOX_PORTAL_ID));
    const portal = stack.hubspotEmulator.portal(SANDBOX_PORTAL_ID);
    expect(portal.contactProperties.properties.get('referral_code')?.groupName).toBe('referrals');
    await waitFor('advocate backfilled', async () => contact(portal, 'ada@example.com'));
    const ageToken = async () => {
      const current = await loadConnection(engine.db, stack.encryptionKey, merchantId, 'hubspot');
      if (!current) throw new Error('not connected');
      await saveConnection(engine.db, stack.encryptionKey, {
        ...current,
        accessTokenExpiresAt: new Date(Date.now() - 1000),
      });
    };
    const pay = async (id: number, email: string) =>
      expect(await stack.pay(shop, state, { id, email, total: '50.00', code: ada.code })).toBe(200);
    // The access token runs out: the next write refreshes it first.
    await ageToken();
    await pay(7001, 'bob@example.org');
    await waitFor(
      'written after a refresh',
      async () =>
        contact(portal, 'bob@example.org')?.referral_status === 'rewarded' &&
        contact(portal, 'ada@example.com')?.rewards_earned === '15.00' &&
        (await crmSyncStatus(engine.db, merchantId, 'hubspot')).pending === 0,
    );
    const grants = () => stack.hubspotEmulator.tokenRequests.map((r) => `${r.grantType} ${r.status}`);
    expect(grants()).toEqual(['authorization_code 200', 'refresh_token 200']);

    // HubSpot revokes the refresh token (app uninstalled and reinstalled elsewhere) as the access token expires.
    expect(stack.hubspotEmulator.revokeRefreshToken(SANDBOX_PORTAL_ID)).toBe(1);
    await ageToken();
    await pay(7002, 'carol@example.net');
    await waitFor('parked', async () => {
      const status = await crmSyncStatus(engine.db, merchantId, 'hubspot');
      return status.parkedReason === 'reconnect_needed' && status.pending === 2;
    });
    expect((await loadConnection(engine.db, stack.encryptionKey, merchantId, 'hubspot'))?.status).toBe(
      'reconnect_needed',
    );
    expect(grants().at(-1)).toBe('refresh_token 400');
    // The referral is complete in the engine; HubSpot has heard nothing of it.
    await waitFor('carol rewarded', async () => {
      const rows = await rowsOf(engine.db, 'rewards', merchantId);
      return rows.length === 2 && rows.every((r) => r.status === 'issued');
    });
    expect(contact(portal, 'carol@example.net')).toBeNull();
    expect(contact(portal, 'ada@example.com')?.successful_referrals).toBe('1');
    expect((await crmSyncStatus(engine.db, merchantId, 'hubspot')).pending).toBe(2);

    // The merchant connects again: everything that waited arrives.
    await connectSandboxPortal(stack.hubspot, merchantId);
    await waitFor(
      'caught up',
      async () =>
        contact(portal, 'ada@example.com')?.rewards_earned === '30.00' &&
        contact(portal, 'carol@example.net')?.referral_status === 'rewarded',
    );
    expect(referralValues(contact(portal, 'ada@example.com'))).toMatchObject({
      successful_referrals: '2',
      referral_revenue: '100.00',
      rewards_earned: '30.00',
    });
    expect(referralValues(contact(portal, 'carol@example.net'))).toEqual({
      referred_by: 'ada@example.com',
      referral_source: 'link',
      referral_status: 'rewarded',
    });
    await waitFor(
      'queue drained',
      async () => (await crmSyncStatus(engine.db, merchantId, 'hubspot')).pending === 0,
    );
    expect(await crmSyncStatus(engine.db, merchantId, 'hubspot')).toMatchObject({ parkedReason: null });
    // The reconnect finds its group already there (409, taken as done).
    expectWithinLimits(stack, SANDBOX_PORTAL_ID, ['409 POST /crm/v3/properties/{objectType}/groups']);
  });

  test("a referred contact's deal closes in HubSpot: one referral however the events come", async ({
    engine,
    stack,
  }) => {
    const { merchantId, ada } = await stack.shopWithAdvocate();
    const { portalId, portal } = await stack.connectPortal(merchantId);
    await waitFor('advocate backfilled', async () => contact(portal, 'ada@example.com'));

    // A sales rep records who referred Dana, then wins her deal.
    const dana = portal.createContact({ email: 'dana@example.net', referred_by: 'ada@example.com' });
    const deal = portal.createDeal(
      { dealname: 'Team plan', amount: '2500.00', deal_currency_code: 'USD' },
      { contactIds: [dana.id] },
    );
    const opened = portal.deals.get(deal.id)?.values.get('dealstage') ?? '';
    portal.updateDeal(deal.id, { dealstage: 'closedwon' });
    const event = (eventId: number, fields: Partial<Parameters<typeof webhookEvent>[0]>) =>
      webhookEvent({
        portalId,
        objectId: Number(deal.id),
        subscriptionType: 'object.propertyChange',
        eventId,
        ...fields,
      });
    const events = [
      event(1, { subscriptionType: 'object.creation' }),
      event(2, { propertyName: 'dealstage', propertyValue: opened }),
      event(3, { propertyName: 'amount', propertyValue: '2500.00' }),
      event(4, { propertyName: 'dealstage', propertyValue: 'closedwon' }),
      // The same change through a legacy subscription too: another event id, the same deal.
      event(5, {
        subscriptionType: 'deal.propertyChange',
        propertyName: 'dealstage',
        propertyValue: 'closedwon',
      }),
    ];
    // HubSpot delivers in no order and at least once.
    const shuffled = () => [...events].sort(() => Math.random() - 0.5);
    const deliver = async () => {
      const reply = await sendHubSpotWebhook({
        url: `${stack.hubspotUrl}/webhooks/hubspot`,
        events: shuffled(),
        clientSecret: stack.hubspotEmulator.clientSecret,
      });
      expect(reply.status).toBe(200);
      return JSON.parse(reply.body);
    };
    expect(await deliver()).toMatchObject({ stored: 5, duplicates: 0 });
    expect(await deliver()).toMatchObject({ stored: 0, duplicates: 5 });

    await waitFor(
      'the deal on both contacts',
      async () =>
        contact(portal, 'ada@example.com')?.rewards_earned === '15.00' &&
        contact(portal, 'dana@example.net')?.referral_status === 'rewarded',
    );
    const referrals = await referralsWithOrderIds(engine.db, merchantId);
    expect(referrals).toEqual([
      { advocateId: ada.advocateId, orderId: `hubspot-deal:${portalId}:${deal.id}` },
    ]);
    expect(referralValues(contact(portal, 'ada@example.com'))).toMatchObject({
      successful_referrals: '1',
      referral_revenue: '2500.00',
      rewards_earned: '15.00',
    });
    expect(referralValues(contact(portal, 'dana@example.net'))).toEqual({
      referred_by: 'ada@example.com',
      referral_source: 'deal',
      referral_status: 'rewarded',
    });
    expectWithinLimits(stack, portalId);
  });

  test('429 storm: another integration spends the window; one 429, a shared pause, nothing lost', async ({
    stack,
  }) => {
    const { shop, state, merchantId, ada } = await stack.shopWithAdvocate();
    const { portalId, portal } = await stack.connectPortal(merchantId);
    await waitFor('advocate backfilled', async () => contact(portal, 'ada@example.com'));
    // Another app installed on the portal reads contacts until HubSpot says no.
    const other = stack.hubspotEmulator.issueTokens(portalId);
    const otherRead = () =>
      fetch(`${stack.hubspotEmulator.url}/crm/v3/objects/contacts?limit=1`, {
        headers: { authorization: `Bearer ${other.accessToken}` },
      });
    const statuses: number[] = [];
    while (statuses.length < 200 && statuses.at(-1) !== 429) statuses.push((await otherRead()).status);
    expect(statuses.at(-1)).toBe(429);

    const order = { id: 8001, email: 'bob@example.org', total: '80.00', code: ada.code };
    expect(await stack.pay(shop, state, order)).toBe(200);
    await waitFor(
      'written after the pause',
      async () =>
        contact(portal, 'ada@example.com')?.rewards_earned === '15.00' &&
        contact(portal, 'bob@example.org')?.referral_status === 'rewarded',
      30_000,
    );
    const ours = stack.hubspotEmulator.requests.filter(
      (r) => r.portalId === portalId && r.route !== 'GET /crm/v3/objects/{objectType}',
    );
    const upserts = ours.filter((r) => r.route === 'POST /crm/v3/objects/contacts/batch/upsert');
    // One 429, then HubSpot's interval of silence from us (the portal paused in Redis), then success.
    expect(upserts.map((r) => r.status)).toEqual([200, 429, ...upserts.slice(2).map(() => 200)]);
    expect(upserts.length).toBeGreaterThanOrEqual(3);
    const refusedAt = upserts[1]?.at ?? 0;
    const next = ours.find((r) => r.at > refusedAt);
    expect((next?.at ?? 0) - refusedAt).toBeGreaterThanOrEqual(9_900);
    expect(referralValues(contact(portal, 'bob@example.org'))).toEqual({
      referred_by: 'ada@example.com',
      referral_source: 'link',
      referral_status: 'rewarded',
    });
    expect(contact(portal, 'ada@example.com')).toMatchObject({
      successful_referrals: '1',
      referral_revenue: '80.00',
    });
  });
});
