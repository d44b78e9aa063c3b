import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { markConnectionStatus, type Platform, saveConnection } from '../connections/index.js';
import { dbTest as test } from '../testing/fixtures.js';
import { buildMerchant } from '../testing/index.js';
import { listShopifyMerchantsToReconcile, markMerchantUninstalled } from './index.js';

const key = randomBytes(32);

async function connected(db: Parameters<typeof buildMerchant>[0], platform: Platform) {
  const merchant = await buildMerchant(db);
  await saveConnection(db, key, {
    merchantId: merchant.id,
    platform,
    externalAccountId: `${platform}-${merchant.id}`,
    accessToken: 'token',
  });
  return merchant;
}

test('only active merchants with an active Shopify connection are reconciled', async ({ engine }) => {
  const { db } = engine;
  const active = await connected(db, 'shopify');
  const uninstalled = await connected(db, 'shopify');
  await markMerchantUninstalled(db, uninstalled.id);
  const revoked = await connected(db, 'shopify');
  await markConnectionStatus(db, revoked.id, 'shopify', 'revoked');
  const reconnect = await connected(db, 'shopify');
  await markConnectionStatus(db, reconnect.id, 'shopify', 'reconnect_needed');
  await connected(db, 'hubspot'); // a HubSpot-only merchant has no Shopify orders to read
  await buildMerchant(db); // installed but never connected

  expect(await listShopifyMerchantsToReconcile(db)).toEqual([
    { merchantId: active.id, shopDomain: active.shopDomain },
  ]);

  expect(await listShopifyMerchantsToReconcile(db, { merchantId: active.id })).toHaveLength(1);
  expect(await listShopifyMerchantsToReconcile(db, { merchantId: uninstalled.id })).toEqual([]);

  // A reinstall makes the connection active again: it is back on the list.
  await markConnectionStatus(db, reconnect.id, 'shopify', 'active');
  expect((await listShopifyMerchantsToReconcile(db)).map((m) => m.merchantId).sort()).toEqual(
    [active.id, reconnect.id].sort(),
  );
});
