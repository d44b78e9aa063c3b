// The whole Shopify side for worker tests: the Admin API emulator, the real platform adapters on
// it, the app's HTTP routes on a loopback port, a click writer and a real worker on Redis.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ClickWriter, type EngineContext } from '@referrals/core';
import { createShopifyApp, createShopifyPlatform, type ShopifyPlatform } from '@referrals/shopify-app';
import { appFunctions } from '@referrals/shopify-app/testing';
import { type ShopifyEmulator, startShopifyEmulator } from '@referrals/shopify-emulator';
import type { Logger } from 'pino';
import { startWorker, type WorkerRuntime } from '../runtime.js';

export type ShopifyStack = {
  emulator: ShopifyEmulator;
  platform: ShopifyPlatform;
  baseUrl: string;
  clickWriter: ClickWriter;
  worker: WorkerRuntime;
  close(): Promise<void>;
};

export async function startShopifyStack(
  engine: EngineContext,
  options: { redisUrl: string; logger: Logger; queuePrefix: string },
): Promise<ShopifyStack> {
  const { logger } = options;
  // The app's Discount Function runs at the emulator's checkout (emulator.checkout).
  const emulator = await startShopifyEmulator({ functions: appFunctions() });
  const platform = createShopifyPlatform({
    db: engine.db,
    logger,
    encryptionKey: randomBytes(32),
    config: {
      apiKey: emulator.apiKey,
      apiSecret: emulator.apiSecret,
      appUrl: 'http://127.0.0.1',
      scopes: emulator.scopes.split(','),
      adminOrigin: emulator.url,
    },
  });
  const clickWriter = new ClickWriter(engine.db, { ipHashSalt: engine.ipHashSalt, flushIntervalMs: 20 });
  const app = createShopifyApp({
    db: engine.db,
    logger,
    apiSecret: emulator.apiSecret,
    platform,
    clickWriter,
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const worker = await startWorker({
    engine,
    redisUrl: options.redisUrl,
    logger,
    rewardIssuer: platform.issuer,
    friendOfferIssuer: platform.friendOffers,
    checkoutDiscounts: platform.checkoutDiscounts,
    platformNotifier: platform.notifier,
    prefix: `${options.queuePrefix}-${randomBytes(4).toString('hex')}`,
    housekeeping: false,
  });
  return {
    emulator,
    platform,
    clickWriter,
    worker,
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      await worker.close();
      await new Promise((r) => server.close(r));
      await clickWriter.close();
      await emulator.close();
    },
  };
}
