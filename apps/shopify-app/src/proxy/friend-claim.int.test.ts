// A friend claims their single-use welcome code on the proxied landing page: the code is created
// on (emulated) Shopify while they wait, once per email, and never for the advocate themself.
import type { AddressInfo } from 'node:net';
import { buildAdvocate, buildProgram, rowsOf } from '@referrals/core/testing';
import { dbTest } from '@referrals/core/testing/fixtures';
import express from 'express';
import { describe, expect } from 'vitest';
import { errorHandler } from '../error-handler.js';
import { type PlatformFixture, startPlatformFixture, testLogger } from '../testing/platform.js';
import { proxyRouter } from './router.js';
import { proxyQuery } from './testing.js';

const SECRET = 'proxy-claim-secret';

const test = dbTest.extend<{ fx: PlatformFixture }>({
  fx: async ({ database }, use) => {
    const fx = await startPlatformFixture(database.db);
    await use(fx);
    await fx.close();
  },
});

describe('friend claims a welcome code', () => {
  test('one code per friend email, created on Shopify at once; the advocate cannot claim their own', async ({
    database,
    fx,
  }) => {
    const { merchantId, shop, state } = await fx.installShop();
    const { programId } = await buildProgram(database.db, merchantId, {
      friendReward: { kind: 'percent_discount', bps: 1500 },
      eligibility: { minimumOrderMinor: 5000 },
    });
    const advocate = await buildAdvocate(database.db, merchantId, programId, 'ada@example.com');
    const app = express();
    app.use(
      proxyRouter({
        db: database.db,
        apiSecret: SECRET,
        logger: testLogger,
        linkBaseUrl: 'https://referrals.example.com',
        friendOffers: fx.platform.friendOffers,
        friendCodeKey: fx.platform.friendCodeKey,
      }),
    );
    app.use(errorHandler(testLogger));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const claim = (email: string) =>
      fetch(`${base}/proxy/invite/${advocate.code}/claim?${proxyQuery(SECRET, { shop })}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email }).toString(),
      });
    try {
      const landing = await (
        await fetch(`${base}/proxy/invite/${advocate.code}?${proxyQuery(SECRET, { shop })}`)
      ).text();
      expect(landing).toContain(`/invite/${advocate.code}/claim`);

      const first = await claim('Bob@Example.org');
      expect(first.status).toBe(200);
      const page = await first.text();
      const code = /<strong>([A-Z0-9]+)<\/strong>/.exec(page)?.[1] ?? '';
      expect(code).toMatch(/^FRIEND[A-Z0-9]{10}$/);
      expect(page).toContain(`/discount/${code}?redirect=`);
      const discount = state.discounts.get(code);
      expect(discount).toMatchObject({ usageLimit: 1, appliesOncePerCustomer: true, status: 'ACTIVE' });

      const again = await (await claim('bob@example.org')).text();
      expect(again).toContain(code);
      expect(state.discounts.size).toBe(1);
      const offers = await rowsOf(database.db, 'friend_offers', merchantId);
      expect(offers).toHaveLength(1);
      expect(offers[0]?.status).toBe('created');

      const self = await claim('ada@example.com');
      expect(self.status).toBe(400);
      expect(state.discounts.size).toBe(1);

      const invalid = await claim('not-an-email');
      expect(invalid.status).toBe(400);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
