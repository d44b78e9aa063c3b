// A deal moved to a closed-won stage (of any pipeline) becomes a DealWon conversion credited to
// the advocate the buyer's contact names in `referred_by`; the app card then shows both sides.
import { enrollAdvocate, ingestInboundEvent, processInboundEvent } from '@referrals/core';
import { buildMerchant, buildProgram, rowsOf } from '@referrals/core/testing';
import { dbTest } from '@referrals/core/testing/fixtures';
import { sendHubSpotFetch, webhookEvent } from '@referrals/hubspot-emulator';
import { describe, expect } from 'vitest';
import { hubspotInboundResolver } from './deals/resolve-deal-event.js';
import { type HubSpotFixture, startHubSpotFixture, testLogger } from './testing/hubspot-fixture.js';

const test = dbTest.extend<{ fx: HubSpotFixture }>({
  fx: async ({ database }, use) => {
    const fx = await startHubSpotFixture(database.db);
    await use(fx);
    await fx.close();
  },
});

describe('deals as conversions', () => {
  test('closed-won in a custom pipeline -> DealWon for the referred contact -> referral; the card shows it', async ({
    fx,
    database,
  }) => {
    const db = database.db;
    const merchant = await buildMerchant(db);
    const { programId } = await buildProgram(db, merchant.id, {
      holdDays: 30,
      advocateReward: { kind: 'store_credit', amountMinor: 5000 },
    });
    const ada = await enrollAdvocate(db, {
      merchantId: merchant.id,
      programId,
      customer: { email: 'ada@example.com', firstName: 'Ada' },
      consentAt: new Date(),
    });
    const portalId = 990_001;
    const portal = fx.emulator.addPortal(portalId);
    await fx.connections.connect(merchant.id, fx.emulator.authorize(portalId));
    const { client } = await fx.connections.client(merchant.id);
    await client.crm.properties.groupsApi.create('contacts', { name: 'referrals', label: 'Referrals' });
    await client.crm.properties.coreApi.create('contacts', {
      name: 'referred_by',
      label: 'Referred by',
      type: 'string' as never,
      fieldType: 'text' as never,
      groupName: 'referrals',
    });
    const pipeline = portal.addDealPipeline({
      label: 'B2B',
      stages: [
        { id: 'b2b-proposal', label: 'Proposal', probability: 0.5 },
        { id: 'b2b-signed', label: 'Signed', probability: 1, isClosed: true },
      ],
    });
    const bob = portal.createContact({ email: 'Bob@Example.org', referred_by: 'ada@example.com' });
    const deal = portal.createDeal(
      {
        dealname: 'Annual plan',
        amount: '1200.00',
        pipeline: pipeline.id,
        dealstage: 'b2b-proposal',
        deal_currency_code: 'USD',
      },
      { contactIds: [bob.id] },
    );
    const resolve = hubspotInboundResolver({ db, connections: fx.connections, logger: testLogger });
    const stageEvent = (stage: string, eventId: number) => ({
      merchantId: merchant.id,
      payload: webhookEvent({
        portalId,
        objectId: Number(deal.id),
        eventId,
        subscriptionType: 'object.propertyChange',
        propertyName: 'dealstage',
        propertyValue: stage,
      }),
    });

    // Not a won stage: nothing.
    expect(await resolve(stageEvent('b2b-proposal', 1))).toEqual([]);

    portal.updateDeal(deal.id, { dealstage: 'b2b-signed' });
    const events = await resolve(stageEvent('b2b-signed', 2));
    expect(events).toEqual([
      expect.objectContaining({
        type: 'DealWon',
        dealId: `${portalId}:${deal.id}`,
        contactEmails: ['bob@example.org'],
        amountMinor: 120_000,
        currency: 'USD',
        referralCode: ada.code,
      }),
    ]);

    // Through the engine: a referral for Ada on the deal.
    const stored = await ingestInboundEvent(db, {
      merchantId: merchant.id,
      platform: 'internal',
      externalId: `hubspot-deal-won:${portalId}:${deal.id}`,
      topic: 'DealWon',
      payload: JSON.parse(JSON.stringify(events[0])),
    });
    await processInboundEvent(
      { db, ipHashSalt: 'salt' },
      { merchantId: merchant.id, inboundEventId: stored.inboundEventId ?? '' },
    );
    const referrals = await rowsOf(db, 'referrals', merchant.id);
    expect(referrals).toHaveLength(1);
    expect(referrals[0]?.advocateId).toBe(ada.advocateId);

    // The app card, fetched as HubSpot's hubspot.fetch signs it.
    const card = async (email: string, secret = fx.emulator.clientSecret) =>
      sendHubSpotFetch({
        // The card puts portalId in the URL and HubSpot appends its own too.
        url: `${fx.baseUrl}/hubspot/card?portalId=${portalId}&email=${encodeURIComponent(email)}`,
        method: 'GET',
        clientSecret: secret,
        context: { portalId },
      });
    const bobCard = await card('bob@example.org');
    expect(bobCard.status).toBe(200);
    expect(JSON.parse(bobCard.body)).toMatchObject({
      status: 'ok',
      referredBy: { advocateName: 'Ada', advocateEmail: 'ada@example.com', source: 'deal', code: ada.code },
      advocate: null,
    });
    const adaCard = JSON.parse((await card('ada@example.com')).body);
    expect(adaCard.advocate).toMatchObject({
      code: ada.code,
      link: `https://shop-app.example.com/r/${ada.code}?shop=${encodeURIComponent(merchant.shopDomain ?? '')}`,
      revenueMinor: 120_000,
      currency: 'USD',
      rewards: { pendingMinor: 5000, earnedMinor: 0 },
    });
    expect(adaCard.advocate.score.components.map((c: { key: string }) => c.key)).toEqual(
      expect.arrayContaining(['referrals', 'revenue', 'conversion', 'recency', 'fraud']),
    );
    expect(adaCard.advocate.referrals).toEqual([
      expect.objectContaining({ status: expect.any(String), friend: expect.any(String) }),
    ]);
    expect((await card('ada@example.com', 'not-the-secret')).status).toBe(401);
    const unknown = await sendHubSpotFetch({
      url: `${fx.baseUrl}/hubspot/card?email=ada%40example.com`,
      method: 'GET',
      clientSecret: fx.emulator.clientSecret,
      context: { portalId: 123 },
    });
    expect(unknown.status).toBe(404);
  });
});

describe('deal reads share the portal budget', () => {
  test('a 429 on a deal read pauses the portal for every process and the deal waits for a retry', async ({
    fx,
    database,
  }) => {
    // The fixture's clients are paced by fx.limiter (real Redis, a key prefix of this test's own).
    const limiter = fx.limiter;
    const merchant = await buildMerchant(database.db);
    const portalId = 990_002;
    const portal = fx.emulator.addPortal(portalId);
    await fx.connections.connect(merchant.id, fx.emulator.authorize(portalId));
    const deal = portal.createDeal({ dealname: 'x', amount: '10.00', dealstage: 'closedwon' });
    fx.emulator.injectFault({
      portalId,
      status: 429,
      body: { status: 'error', policyName: 'TEN_SECONDLY_ROLLING' },
    });
    const resolve = hubspotInboundResolver({
      db: database.db,
      connections: fx.connections,
      logger: testLogger,
    });
    const row = {
      merchantId: merchant.id,
      payload: webhookEvent({
        portalId,
        objectId: Number(deal.id),
        subscriptionType: 'object.propertyChange',
        propertyName: 'dealstage',
        propertyValue: 'closedwon',
      }),
    };
    await expect(resolve(row)).rejects.toThrow(/rate limited/);
    expect(await limiter.pausedFor(String(portalId))).toBeGreaterThan(9_000);
  });
});
