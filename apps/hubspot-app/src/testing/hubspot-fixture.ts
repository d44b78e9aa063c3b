// Test fixture: a running HubSpot emulator, the app's real HubSpot client pointed at it (paced by
// the real Redis limiter, under a key prefix of its own), and the app served on a loopback port.
// Nothing in our code is faked: the client speaks HTTP.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Database } from '@referrals/core';
import {
  type HubSpotEmulator,
  type HubSpotEmulatorOptions,
  startHubSpotEmulator,
} from '@referrals/hubspot-emulator';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { PortalRateLimiter } from '../crm/portal-rate-limiter.js';
import type { HubSpotConfig } from '../hubspot/config.js';
import { HubSpotConnections } from '../hubspot/connections.js';
import type { PortalLimiter } from '../hubspot/rate-limit-middleware.js';
import { createHubSpotApp } from '../server.js';

export const testLogger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export type HubSpotFixture = {
  emulator: HubSpotEmulator;
  config: HubSpotConfig;
  /** Its clients are paced by `limiter`. */
  connections: HubSpotConnections;
  /** The per-portal limiter every client of `connections` uses (Redis, a fresh key prefix). */
  limiter: PortalRateLimiter;
  /** The portal id of every slot `limiter` granted to a client of `connections`, in order. */
  slots: string[];
  /** The same connections with another limiter (another process, or one that counts). */
  connectionsWith(limiter: PortalLimiter): HubSpotConnections;
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
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const limiter = new PortalRateLimiter({
    redis,
    keyPrefix: `test:hubspot-rate:${randomBytes(6).toString('hex')}`,
  });
  const connectionsWith = (portalLimiter: PortalLimiter) =>
    new HubSpotConnections({
      db,
      config,
      encryptionKey,
      logger: testLogger,
      limiter: portalLimiter,
      ...(options.refreshMarginMs !== undefined ? { refreshMarginMs: options.refreshMarginMs } : {}),
    });
  const slots: string[] = [];
  const connections = connectionsWith({
    acquire: async (portalId, signal) => {
      await limiter.acquire(portalId, signal);
      slots.push(portalId);
    },
    pause: (portalId, ms) => limiter.pause(portalId, ms),
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
    limiter,
    slots,
    connectionsWith,
    encryptionKey,
    baseUrl,
    connected,
    async close() {
      await new Promise((r) => server.close(r));
      await emulator.close();
      redis.disconnect();
    },
  };
}
