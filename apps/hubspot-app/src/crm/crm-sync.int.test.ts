// The whole CRM sync against the emulator: the core's queue and facts, this app's writer and
// limiter (the fixture's clients are paced by the real Redis limiter). A connect prepares the portal and queues every advocate and friend; an uninstall parks
// the sync and a reconnect resumes it; the backfill loop stops on Ctrl-C and a rerun resumes.
import { crmSyncStatus, flushCrmBatch, markContactsChanged } from '@referrals/core';
import { buildAdvocate, buildMerchant, buildProgram, deliver, orderFacts } from '@referrals/core/testing';
import { dbTest } from '@referrals/core/testing/fixtures';
import { describe, expect } from 'vitest';
import { type HubSpotFixture, startHubSpotFixture, testLogger } from '../testing/hubspot-fixture.js';
import { afterHubSpotConnect, prepareHubSpotPortal } from './after-connect.js';
import { HubSpotCrmWriter } from './hubspot-crm-writer.js';
import { ensureReferralProperties } from './properties.js';
import { referralLinkFor } from './referral-link.js';
import { type BackfillProgress, runBackfill } from './run-backfill.js';

const test = dbTest.extend<{ fx: HubSpotFixture; writer: HubSpotCrmWriter }>({
  fx: async ({ database }, use) => {
    const fx = await startHubSpotFixture(database.db);
    await use(fx);
    await fx.close();
  },
  writer: async ({ fx }, use) => {
    await use(new HubSpotCrmWriter({ connections: fx.connections, logger: testLogger }));
  },
});

const linkFor = referralLinkFor('https://shop-app.example.com');
let nextPortal = 550_000;

/** Three advocates; the first referred a friend who paid with the code. */
async function merchantWithReferrals(engine: Parameters<typeof deliver>[0]) {
  const merchant = await buildMerchant(engine.db);
  const { programId } = await buildProgram(engine.db, merchant.id);
  const advocates = [];
  for (let i = 0; i < 3; i++) advocates.push(await buildAdvocate(engine.db, merchant.id, programId));
  const order = orderFacts({ referralCode: advocates[0]!.code });
  await deliver(engine, merchant.id, { type: 'OrderPaid', ...order });
  return { merchant, advocates, friendEmail: order.customer.email! };
}

describe('CRM sync to HubSpot', () => {
  test('connect -> properties + every contact queued -> written; uninstall parks it; reconnect resumes', async ({
    fx,
    writer,
    engine,
  }) => {
    const db = engine.db;
    const { merchant, advocates, friendEmail } = await merchantWithReferrals(engine);
    const portalId = nextPortal++;
    const portal = fx.emulator.addPortal(portalId);
    await fx.connections.connect(merchant.id, fx.emulator.authorize(portalId));
    const deps = { db, connections: fx.connections, logger: testLogger };
    const prepared = await prepareHubSpotPortal(deps, merchant.id, String(portalId));
    expect(prepared).toMatchObject({ wasParked: null, queued: 4, properties: { mismatched: [] } });
    expect(prepared.properties.created).toHaveLength(10);

    const flush = () => flushCrmBatch(db, writer, { merchantId: merchant.id, platform: 'hubspot', linkFor });
    expect(await flush()).toMatchObject({ claimed: 4, sent: 4, written: 4, blocked: null });
    const ada = portal.contactByEmail(advocates[0]!.email);
    expect(Object.fromEntries(ada?.values ?? [])).toMatchObject({
      referral_code: advocates[0]!.code,
      referral_link: `https://shop-app.example.com/r/${advocates[0]!.code}?shop=${encodeURIComponent(merchant.shopDomain!)}`,
      referral_status: 'advocate',
      successful_referrals: expect.any(String),
      advocate_score: expect.stringMatching(/^\d+$/),
    });
    const friend = portal.contactByEmail(friendEmail);
    expect(Object.fromEntries(friend?.values ?? [])).toMatchObject({
      referred_by: advocates[0]!.email,
      referral_source: 'link',
    });

    // The app is uninstalled in HubSpot: the next write is refused, the sync parks, nothing is lost.
    fx.emulator.uninstall(portalId);
    const enqueued = await markContactsChanged(db, {
      platform: 'hubspot',
      changes: [
        {
          merchantId: merchant.id,
          outboxId: 1,
          topic: 'advocate.enrolled',
          aggregateId: advocates[1]!.advocateId,
        },
      ],
      at: new Date(),
    });
    expect(enqueued.queued).toBe(1);
    expect(await flush()).toMatchObject({ claimed: 1, written: 0, blocked: { reason: 'reconnect_needed' } });
    expect(await crmSyncStatus(db, merchant.id, 'hubspot')).toMatchObject({
      pending: 1,
      parkedReason: 'reconnect_needed',
    });
    expect(await flush()).toMatchObject({ claimed: 0 }); // parked: nothing is claimed

    // The merchant connects again: the OAuth hook unparks and the waiting contact goes out.
    await fx.connections.connect(merchant.id, fx.emulator.authorize(portalId));
    await afterHubSpotConnect(deps)(merchant.id, String(portalId));
    expect((await crmSyncStatus(db, merchant.id, 'hubspot')).parkedReason).toBeNull();
    let written = 0;
    for (let outcome = await flush(); outcome.claimed > 0; outcome = await flush())
      written += outcome.written;
    expect(written).toBeGreaterThanOrEqual(1);
    expect(await crmSyncStatus(db, merchant.id, 'hubspot')).toMatchObject({ pending: 0 });
  });

  test('the backfill loop: Ctrl-C stops after the batch in flight, a rerun resumes and finishes', async ({
    fx,
    writer,
    engine,
  }) => {
    const db = engine.db;
    const { merchant, advocates, friendEmail } = await merchantWithReferrals(engine);
    const portalId = nextPortal++;
    const portal = fx.emulator.addPortal(portalId);
    await fx.connections.connect(merchant.id, fx.emulator.authorize(portalId));
    // Connected with the properties, but nothing queued yet (as before a backfill was ever run).
    await ensureReferralProperties((await fx.connections.client(merchant.id)).client);

    const stop = new AbortController();
    const seen: BackfillProgress[] = [];
    const interrupted = await runBackfill(
      { db, writer, linkFor },
      { merchantId: merchant.id, batchSize: 1, pageSize: 2, signal: stop.signal },
      (progress) => {
        seen.push(progress);
        if (progress.processed >= 1) stop.abort();
      },
    );
    expect(interrupted).toMatchObject({ done: false, interrupted: true, written: 1 });
    expect(seen[0]).toMatchObject({ processed: 0, total: 4 });
    expect(portal.contacts.records.size).toBe(1);

    const resumed = await runBackfill(
      { db, writer, linkFor },
      { merchantId: merchant.id, batchSize: 2, pageSize: 2 },
    );
    expect(resumed).toMatchObject({
      done: true,
      interrupted: false,
      pending: 0,
      dropped: 0,
      parkedReason: null,
    });
    expect(resumed.written).toBe(3); // the one written before the stop is not written again
    for (const email of [...advocates.map((a) => a.email), friendEmail]) {
      expect(portal.contactByEmail(email)?.values.get('referral_status')).toBeTruthy();
    }
  });
});
