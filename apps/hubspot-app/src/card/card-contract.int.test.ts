// The card's contract, end to end: the real backend (PostgreSQL, the HubSpot emulator, the app on
// a loopback port) answers GET /hubspot/card as HubSpot's signed hubspot.fetch asks it, and the
// answer goes through the card's own parser (the module HubSpot's CLI bundles into the card). A
// field the backend renames, drops or adds breaks this test, not the card in a HubSpot account.
import { buildAdvocate, buildMerchant, buildProgram, deliver, orderFacts } from '@referrals/core/testing';
import { dbTest } from '@referrals/core/testing/fixtures';
import { type CardPayload, parseCardPayload } from '@referrals/hubspot-card/card-payload';
import { sendHubSpotFetch } from '@referrals/hubspot-emulator';
import { describe, expect } from 'vitest';
import { type HubSpotFixture, startHubSpotFixture } from '../testing/hubspot-fixture.js';

const test = dbTest.extend<{ fx: HubSpotFixture }>({
  fx: async ({ database }, use) => {
    const fx = await startHubSpotFixture(database.db);
    await use(fx);
    await fx.close();
  },
});

let nextPortal = 880_000;

const isoTime = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

describe('GET /hubspot/card through the card’s parser', () => {
  test('the advocate’s and the referred friend’s answers parse, losing nothing; so does a contactId-only lookup', async ({
    fx,
    engine,
  }) => {
    const db = engine.db;
    const merchant = await buildMerchant(db);
    const { programId } = await buildProgram(db, merchant.id, {
      advocateReward: { kind: 'store_credit', amountMinor: 1000 },
    });
    const ada = await buildAdvocate(db, merchant.id, programId);
    const order = orderFacts({ referralCode: ada.code, totalMinor: 12_500, subtotalMinor: 12_500 });
    await deliver(engine, merchant.id, { type: 'OrderPaid', ...order });
    const friendEmail = order.customer.email!;
    const portalId = nextPortal++;
    const portal = fx.emulator.addPortal(portalId);
    await fx.connections.connect(merchant.id, fx.emulator.authorize(portalId));

    /** The card's request (portalId, contactId, email) as HubSpot signs it; the body, parsed. */
    const cardFor = async (params: Record<string, string>) => {
      const reply = await sendHubSpotFetch({
        url: `${fx.baseUrl}/hubspot/card?${new URLSearchParams({ portalId: String(portalId), ...params })}`,
        method: 'GET',
        clientSecret: fx.emulator.clientSecret,
        context: { portalId },
      });
      expect(reply.status).toBe(200);
      const raw: unknown = JSON.parse(reply.body);
      const parsed: CardPayload = parseCardPayload(raw);
      // The parser keeps only the contract's keys: equal means the backend sent no key the card drops.
      expect(parsed).toEqual(raw);
      return parsed;
    };

    const link = `https://shop-app.example.com/r/${ada.code}?shop=${encodeURIComponent(merchant.shopDomain!)}`;
    const adaCard = await cardFor({ contactId: '1', email: ada.email });
    expect(adaCard).toEqual({
      status: 'ok',
      contact: { email: ada.email },
      referredBy: null,
      advocate: {
        code: ada.code,
        link,
        score: {
          score: expect.any(Number),
          version: 1,
          components: expect.arrayContaining([
            {
              key: 'referrals',
              label: expect.any(String),
              points: expect.any(Number),
              max: expect.any(Number),
              detail: expect.any(String),
            },
          ]),
        },
        referrals: [
          {
            friend: expect.any(String),
            status: 'approved',
            orderTotalMinor: null,
            currency: 'USD',
            at: isoTime,
          },
        ],
        revenueMinor: 12_500,
        currency: 'USD',
        rewards: { earnedMinor: 0, pendingMinor: 1000, currency: 'USD' },
      },
    });

    const friendCard = await cardFor({ contactId: '2', email: friendEmail });
    expect(friendCard).toEqual({
      status: 'ok',
      contact: { email: friendEmail },
      referredBy: {
        advocateName: null,
        advocateEmail: ada.email,
        source: 'link',
        code: ada.code,
        at: isoTime,
      },
      advocate: null,
    });

    // No email from the card: the backend reads it from HubSpot with the portal's paced client.
    const contact = portal.createContact({ email: ada.email });
    const slotsBefore = fx.slots.length;
    const byId = await cardFor({ contactId: contact.id });
    expect(byId).toEqual(adaCard);
    const requests = fx.emulator.requests.filter((r) => r.portalId === portalId);
    expect(requests.map((r) => r.route)).toEqual(['GET /crm/v3/objects/contacts/{contactId}']);
    // Every request to the portal took exactly one slot of its limiter.
    expect(fx.slots.slice(slotsBefore)).toEqual([String(portalId)]);

    // A connection to reconnect: the referral facts still come, with the status the card shows.
    await fx.connections.markReconnectNeeded(merchant.id);
    expect(await cardFor({ contactId: '1', email: ada.email })).toEqual({
      ...adaCard,
      status: 'reconnect_needed',
    });
  });
});
