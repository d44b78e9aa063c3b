// Test fixture: a running HubSpot emulator, the app's real HubSpot client pointed at it, and the
// app served on a loopback port. Nothing in our code is faked: the client speaks HTTP.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Database } from '@referrals/core';
import {
  type HubSpotEmulator,
  type HubSpotEmulatorOptions,
  startHubSpotEmulator,
} from '@referrals/hubspot-emulator';
import { pino } from 'pino';
import type { HubSpotConfig } from '../hubspot/config.js';
import { HubSpotConnections } from '../hubspot/connections.js';
import { createHubSpotApp } from '../server.js';

export const testLogger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export type HubSpotFixture = {
  emulator: HubSpotEmulator;
  config: HubSpotConfig;
  connections: HubSpotConnections;
  encryptionKey: Buffer;
  baseUrl: string;
  connected: { merchantId: string; portalId: string }[];
  close(): Promise<void>;
};

export async function startHubSpotFixture(
  db: Database,
  options: { emulator?: HubSpotEmulatorOptions; refreshMarginMs?: number } = {},
): Promise<HubSpotFixture> {
  const encryptionKey = randomBytes(32);
  const connected: HubSpotFixture['connected'] = [];
  // Signatures cover the public URL, so the port is taken first and the app built for it.
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const emulator = await startHubSpotEmulator({
    redirectUri: `${appUrl}/hubspot/oauth/callback`,
    ...options.emulator,
  });
  const config: HubSpotConfig = {
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    appUrl,
    basePath: emulator.url,
  };
  const connections = new HubSpotConnections({
    db,
    config,
    encryptionKey,
    logger: testLogger,
    ...(options.refreshMarginMs !== undefined ? { refreshMarginMs: options.refreshMarginMs } : {}),
  });
  const app = createHubSpotApp({
    db,
    logger: testLogger,
    hubspot: {
      config,
      connections,
      stateKey: encryptionKey,
      linkBaseUrl: 'https://shop-app.example.com',
      afterConnect: async (merchantId, portalId) => {
        connected.push({ merchantId, portalId });
      },
    },
  });
  server.on('request', app);
  const baseUrl = appUrl;
  return {
    emulator,
    config,
    connections,
    encryptionKey,
    baseUrl,
    connected,
    async close() {
      await new Promise((r) => server.close(r));
      await emulator.close();
    },
  };
}
