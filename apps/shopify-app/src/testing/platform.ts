// Test fixture: a running Shopify emulator and the app's real Shopify client pointed at it, with
// one installed shop. Nothing here is faked inside our code: the client speaks HTTP to the emulator.
import { randomBytes } from 'node:crypto';
import type { Database } from '@referrals/core';
import {
  type EmulatorOptions,
  type ShopifyEmulator,
  type ShopState,
  startShopifyEmulator,
} from '@referrals/shopify-emulator';
import { pino } from 'pino';
import type { CostLimiter } from '../shopify/cost-limiter.js';
import { createShopifyPlatform, type ShopifyPlatform } from '../shopify/platform.js';

export const testLogger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export type PlatformFixture = {
  emulator: ShopifyEmulator;
  platform: ShopifyPlatform;
  encryptionKey: Buffer;
  /** Installs a new shop by token exchange; returns its merchant id and emulated state. */
  installShop(): Promise<{ shop: string; merchantId: string; state: ShopState }>;
  close(): Promise<void>;
};

export async function startPlatformFixture(
  db: Database,
  options: {
    emulator?: EmulatorOptions;
    limiter?: CostLimiter;
    now?: () => number;
    refreshMarginMs?: number;
  } = {},
): Promise<PlatformFixture> {
  const emulator = await startShopifyEmulator(options.emulator);
  const encryptionKey = randomBytes(32);
  const platform = createShopifyPlatform({
    db,
    logger: testLogger,
    encryptionKey,
    config: {
      apiKey: emulator.apiKey,
      apiSecret: emulator.apiSecret,
      appUrl: 'http://127.0.0.1',
      scopes: emulator.scopes.split(','),
      adminOrigin: emulator.url,
    },
    ...(options.limiter ? { limiter: options.limiter } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.refreshMarginMs !== undefined ? { refreshMarginMs: options.refreshMarginMs } : {}),
  });
  return {
    emulator,
    platform,
    encryptionKey,
    async installShop() {
      const shop = `shop-${randomBytes(4).toString('hex')}.myshopify.com`;
      const state = emulator.installApp(shop);
      const merchant = await platform.sessions.install(shop, emulator.sessionToken(shop));
      return { shop, merchantId: merchant.id, state };
    },
    close: () => emulator.close(),
  };
}
