// Everything that talks to Shopify for one process: the official API client, offline sessions,
// the cost-aware GraphQL wrapper and the reward issuer built on them.
import { type Database, deriveFriendCodeKey, type FriendCodeKey } from '@referrals/core';
import type { Shopify } from '@shopify/shopify-api';
import type { Logger } from 'pino';
import { ShopifyCheckoutDiscounts } from '../discounts/shopify-checkout-discounts.js';
import { ShopifyFlowNotifier } from '../flow/flow-notifier.js';
import { pixelKeys } from '../pixel/pixel-key.js';
import { WebPixelSetup } from '../pixel/web-pixel-setup.js';
import { ShopifyOrderSource } from '../reconcile/shopify-order-source.js';
import { ShopifyFriendOfferIssuer } from '../rewards/friend-offers.js';
import { ShopifyRewardIssuer } from '../rewards/shopify-reward-issuer.js';
import { AdminGraphql } from './admin-graphql.js';
import { createShopifyApi, type ShopifyApiConfig } from './api.js';
import type { CostLimiter } from './cost-limiter.js';
import { type CustomerContactLookup, customerContactLookup } from './customer-contact.js';
import { OfflineSessions } from './offline-sessions.js';
import { type ThemeEditorTarget, type ThemeSetupReader, themeSetupReader } from './theme-setup.js';

export type ShopifyPlatform = {
  config: ShopifyApiConfig;
  api: Shopify;
  sessions: OfflineSessions;
  graphql: AdminGraphql;
  issuer: ShopifyRewardIssuer;
  /** Creates and switches off friends' single-use welcome codes. */
  friendOffers: ShopifyFriendOfferIssuer;
  /** Advocates' codes as redeem codes of each programme version's app discounts (checkout-codes). */
  checkoutDiscounts: ShopifyCheckoutDiscounts;
  /** Reads recent orders back for the reconciliation job (missed webhooks). */
  orderSource: ShopifyOrderSource;
  /** Fires our Flow triggers (referral converted, reward issued). */
  notifier: ShopifyFlowNotifier;
  /** A customer's email and first name from Shopify (for proxy enrolments). */
  customerContact: CustomerContactLookup;
  /** Is the app embed on and the share block placed in the published theme? */
  themeSetup: ThemeSetupReader;
  /** The app's web pixel on each shop (created on install). */
  webPixels: WebPixelSetup;
  encryptionKey: Buffer;
  /** Keys friends' welcome codes (HKDF from `encryptionKey`), so nobody outside can work one out. */
  friendCodeKey: FriendCodeKey;
};

export function createShopifyPlatform(deps: {
  db: Database;
  logger: Logger;
  config: ShopifyApiConfig;
  encryptionKey: Buffer;
  limiter?: CostLimiter;
  now?: () => number;
  refreshMarginMs?: number;
  /** Sandbox only: theme editor links open the emulator's stand-in, not https://{shop}/admin. */
  themeEditor?: ThemeEditorTarget;
}): ShopifyPlatform {
  const api = createShopifyApi(deps.config);
  // Built below on `graphql`, which needs `sessions`: the install hook reads it when it runs.
  let webPixels: WebPixelSetup | null = null;
  const sessions = new OfflineSessions({
    onInstalled: async (merchant) => {
      if (webPixels && merchant.shopDomain) await webPixels.ensure(merchant.id, merchant.shopDomain);
    },
    db: deps.db,
    api,
    encryptionKey: deps.encryptionKey,
    logger: deps.logger,
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.refreshMarginMs !== undefined ? { refreshMarginMs: deps.refreshMarginMs } : {}),
  });
  const graphql = new AdminGraphql({
    sessions,
    logger: deps.logger,
    ...(deps.limiter ? { limiter: deps.limiter } : {}),
  });
  webPixels = new WebPixelSetup({
    graphql,
    appUrl: deps.config.appUrl,
    keys: pixelKeys(deps.encryptionKey),
    logger: deps.logger,
  });
  const issuer = new ShopifyRewardIssuer({ db: deps.db, graphql });
  const friendOffers = new ShopifyFriendOfferIssuer(graphql);
  const orderSource = new ShopifyOrderSource({ graphql, logger: deps.logger });
  return {
    config: deps.config,
    api,
    sessions,
    graphql,
    issuer,
    friendOffers,
    checkoutDiscounts: new ShopifyCheckoutDiscounts({
      db: deps.db,
      graphql,
      serverSecret: deps.encryptionKey,
    }),
    orderSource,
    notifier: new ShopifyFlowNotifier(graphql),
    customerContact: customerContactLookup(graphql),
    themeSetup: themeSetupReader({
      graphql,
      apiKey: deps.config.apiKey,
      logger: deps.logger,
      editor: deps.themeEditor,
    }),
    webPixels,
    encryptionKey: deps.encryptionKey,
    friendCodeKey: deriveFriendCodeKey(deps.encryptionKey),
  };
}
