// The Shopify side of a process, from its parsed env: with credentials it talks to Shopify (or to
// SHOPIFY_ADMIN_ORIGIN); without them it runs the sandbox: a local Admin API emulator with one
// installed shop, a demo programme and advocate, so `npm start` can be clicked through.
import {
  createProgram,
  type Database,
  enrollAdvocate,
  findAnyProgramId,
  resolveEncryptionKey,
} from '@referrals/core';
import { type ShopifyEmulator, startShopifyEmulator } from '@referrals/shopify-emulator';
import type { Logger } from 'pino';
import type { SandboxBridge } from './admin/shell.js';
import { appFunctions } from './discounts/friend-offer-function.js';
import type { ShopifyEnv } from './env.js';
import { DAY_MS, SANDBOX_RULES_V1, V1_EFFECTIVE_DAYS_AGO } from './sandbox/demo-data.js';
import { type SandboxStorefront, startSandboxStorefront } from './sandbox/storefront/server.js';
import { createShopifyPlatform, type ShopifyPlatform } from './shopify/platform.js';

export const SANDBOX_SHOP = 'sandbox.myshopify.com';

export type ShopifySide = {
  platform: ShopifyPlatform;
  /** Verifies webhook HMACs (the emulator's secret in the sandbox). */
  apiSecret: string;
  sandbox: {
    emulator: ShopifyEmulator;
    shop: string;
    merchantId: string;
    referralLink: string;
    /** The admin's URL, opened standalone through the App Bridge stand-in. */
    adminUrl: string;
    bridge: SandboxBridge;
    /** The local storefront standing in for https://{shop}: pass its url as links.storefrontOrigin. */
    storefront: SandboxStorefront;
  } | null;
  close(): Promise<void>;
};

export async function composeShopify(
  env: ShopifyEnv,
  deps: {
    db: Database;
    logger: Logger;
    encryptionKey?: Buffer;
    emulatorPort?: number;
    /** The sandbox storefront's port (0, the default, picks a free one). */
    storefrontPort?: number;
  },
): Promise<ShopifySide> {
  if (env.SHOPIFY_API_KEY && env.SHOPIFY_API_SECRET) {
    const platform = createShopifyPlatform({
      db: deps.db,
      logger: deps.logger,
      encryptionKey: deps.encryptionKey ?? resolveEncryptionKey(env.ENCRYPTION_KEY),
      config: {
        apiKey: env.SHOPIFY_API_KEY,
        apiSecret: env.SHOPIFY_API_SECRET,
        appUrl: env.SHOPIFY_APP_URL,
        scopes: env.SHOPIFY_SCOPES.split(','),
        adminOrigin: env.SHOPIFY_ADMIN_ORIGIN,
      },
    });
    return { platform, apiSecret: env.SHOPIFY_API_SECRET, sandbox: null, close: async () => {} };
  }
  // The emulator plays Shopify, so its checkout runs the app's Discount Function.
  const emulator = await startShopifyEmulator({ port: deps.emulatorPort ?? 0, functions: appFunctions() });
  const platform = createShopifyPlatform({
    db: deps.db,
    logger: deps.logger,
    encryptionKey: deps.encryptionKey ?? resolveEncryptionKey(env.ENCRYPTION_KEY),
    config: {
      apiKey: emulator.apiKey,
      apiSecret: emulator.apiSecret,
      appUrl: env.SHOPIFY_APP_URL,
      scopes: emulator.scopes.split(','),
      adminOrigin: emulator.url,
    },
    // No real shop to open the theme editor of: its links lead to the emulator's stand-in, which
    // links back to the admin.
    themeEditor: {
      url: `${emulator.url}${emulator.themeEditorPath}`,
      returnTo: (shop) => `${env.SHOPIFY_APP_URL}/admin?shop=${encodeURIComponent(shop)}`,
    },
  });
  // The emulator forgets everything on restart: install again (a fresh token exchange).
  const state = emulator.installApp(SANDBOX_SHOP);
  const merchant = await platform.sessions.install(SANDBOX_SHOP, emulator.sessionToken(SANDBOX_SHOP));
  state.addCustomer({ id: 'gid://shopify/Customer/1001', email: 'ada@example.com', firstName: 'Ada' });
  const code = await seedDemo(deps.db, merchant.id);
  // Webhooks and proxy requests go to the app where the sandbox says it listens.
  const storefront = await startSandboxStorefront({
    emulator,
    shop: SANDBOX_SHOP,
    appUrl: env.SHOPIFY_APP_URL,
    customer: { id: 'gid://shopify/Customer/1001', firstName: 'Ada' },
    logger: deps.logger.child({ name: 'sandbox-storefront' }),
    port: deps.storefrontPort ?? 0,
  });
  return {
    platform,
    apiSecret: emulator.apiSecret,
    sandbox: {
      emulator,
      shop: SANDBOX_SHOP,
      merchantId: merchant.id,
      referralLink: `${env.SHOPIFY_APP_URL}/r/${code}?shop=${SANDBOX_SHOP}`,
      adminUrl: `${env.SHOPIFY_APP_URL}/admin?shop=${SANDBOX_SHOP}`,
      bridge: { shop: SANDBOX_SHOP, sessionToken: (shop) => emulator.sessionToken(shop) },
      storefront,
    },
    close: async () => {
      await storefront.close();
      await emulator.close();
    },
  };
}

/** A demo programme and advocate for the sandbox shop, created once. */
async function seedDemo(db: Database, merchantId: string): Promise<string> {
  const programId =
    (await findAnyProgramId(db, merchantId)) ??
    (
      await createProgram(db, {
        merchantId,
        name: 'Give 15%, get $10 in store credit',
        rules: SANDBOX_RULES_V1,
        actor: 'sandbox',
        // In force before the seeded history (seedSandbox) begins.
        effectiveFrom: new Date(Date.now() - V1_EFFECTIVE_DAYS_AGO * DAY_MS),
      })
    ).programId;
  const enrolled = await enrollAdvocate(db, {
    merchantId,
    programId,
    customer: { platformCustomerId: '1001', email: 'ada@example.com', firstName: 'Ada' },
    consentAt: new Date(),
    actor: 'sandbox',
  });
  return enrolled.code ?? 'NO-ACTIVE-CODE';
}
