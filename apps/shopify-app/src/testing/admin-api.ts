// The fixture every admin API test shares: a fresh database, the Admin API emulator with the
// platform wired to it, and the whole Express app on a loopback port.
import type { AddressInfo } from 'node:net';
import { dbTest } from '@referrals/core/testing/fixtures';
import { createShopifyApp } from '../server.js';
import { type PlatformFixture, startPlatformFixture, testLogger } from './platform.js';

export type AdminApiFixture = { fx: PlatformFixture; baseUrl: string };

export const adminApiTest = dbTest.extend<AdminApiFixture>({
  fx: async ({ database }, use) => {
    const fx = await startPlatformFixture(database.db);
    await use(fx);
    await fx.close();
  },
  baseUrl: async ({ database, fx }, use) => {
    const app = createShopifyApp({
      // "Connect HubSpot" is offered (the settings and setup tests read it).
      hubspotAppUrl: 'https://hubspot-app.example.com/',
      db: database.db,
      logger: testLogger,
      apiSecret: fx.emulator.apiSecret,
      platform: fx.platform,
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    await new Promise((r) => server.close(r));
  },
});
