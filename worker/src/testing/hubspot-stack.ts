// The whole product for one end-to-end test, wired as `npm start` wires it in sandbox mode: the
// Shopify emulator, platform and app; the HubSpot side from composeHubSpot (its emulator, the
// connections, the writer and its Redis-shared limiter, the deal resolver) with the HubSpot app
// served; and the worker with both. Every call crosses HTTP; nothing of ours is faked.
import { randomBytes, randomInt } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ClickWriter,
  crmContactProperties,
  type EngineContext,
  enrollAdvocate,
  signOAuthState,
} from '@referrals/core';
import { buildProgram } from '@referrals/core/testing';
import { composeHubSpot, createHubSpotApp, type HubSpotSide, parseHubSpotEnv } from '@referrals/hubspot-app';
import type { HubSpotEmulator, PortalState, RequestLogEntry } from '@referrals/hubspot-emulator';
import { createShopifyApp, createShopifyPlatform, type ShopifyPlatform } from '@referrals/shopify-app';
import { type ShopifyEmulator, sendWebhook, startShopifyEmulator } from '@referrals/shopify-emulator';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { startWorker, type WorkerRuntime } from '../runtime.js';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

type ShopState = ReturnType<ShopifyEmulator['installApp']>;

export type HubSpotStack = {
  shopifyEmulator: ShopifyEmulator;
  shopifyPlatform: ShopifyPlatform;
  /** The Shopify app's URL; referral links are built on it. */
  shopifyUrl: string;
  hubspot: HubSpotSide;
  hubspotEmulator: HubSpotEmulator;
  hubspotUrl: string;
  encryptionKey: Buffer;
  worker: WorkerRuntime;
  /**
   * A shop installed by token exchange (as the embedded admin's first request does), a program
   * paying the advocate 15.00 of store credit with no hold, and Ada, a Shopify customer, enrolled.
   */
  shopWithAdvocate(): Promise<{
    shop: string;
    state: ShopState;
    merchantId: string;
    ada: { advocateId: string; code: string };
  }>;
  /** A new Shopify customer pays an order with `code` in the cart: `orders/paid` to the Shopify app. */
  pay(
    shop: string,
    state: ShopState,
    order: { id: number; email: string; total: string; code: string },
  ): Promise<number>;
  /** "Connect HubSpot": a new portal, its install screen's code, and the app's OAuth callback. */
  connectPortal(merchantId: string): Promise<{ portalId: number; portal: PortalState }>;
  close(): Promise<void>;
};

/** A loopback server whose URL is known before its app is built (signatures cover the URL). */
async function listen(): Promise<{ server: Server; url: string }> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

// Portal ids name the limiter's Redis keys: one fresh range per run.
let nextPortal = 2_000_000 + randomInt(1_000_000) * 100;

export async function startHubSpotStack(engine: EngineContext): Promise<HubSpotStack> {
  const encryptionKey = randomBytes(32);
  const prefix = `hs-e2e-${randomBytes(4).toString('hex')}`;
  const shopifyEmulator = await startShopifyEmulator();
  const shopifyPlatform = createShopifyPlatform({
    db: engine.db,
    logger,
    encryptionKey,
    config: {
      apiKey: shopifyEmulator.apiKey,
      apiSecret: shopifyEmulator.apiSecret,
      appUrl: 'http://127.0.0.1',
      scopes: shopifyEmulator.scopes.split(','),
      adminOrigin: shopifyEmulator.url,
    },
  });
  const clickWriter = new ClickWriter(engine.db, { ipHashSalt: engine.ipHashSalt, flushIntervalMs: 20 });
  const shopifyServer = await listen();
  const hubspotServer = await listen();
  const env = parseHubSpotEnv({ HUBSPOT_APP_URL: hubspotServer.url, SHOPIFY_APP_URL: shopifyServer.url });
  const hubspot = await composeHubSpot(env, { db: engine.db, logger, encryptionKey, redisUrl });
  if (!hubspot.sandbox) throw new Error('expected the HubSpot sandbox');
  const hubspotEmulator = hubspot.sandbox.emulator;
  shopifyServer.server.on(
    'request',
    createShopifyApp({
      db: engine.db,
      logger,
      apiSecret: shopifyEmulator.apiSecret,
      platform: shopifyPlatform,
      clickWriter,
      hubspotAppUrl: hubspotServer.url,
    }),
  );
  hubspotServer.server.on(
    'request',
    createHubSpotApp({
      db: engine.db,
      logger,
      hubspot: {
        config: hubspot.config,
        connections: hubspot.connections,
        stateKey: encryptionKey,
        linkBaseUrl: shopifyServer.url,
        afterConnect: hubspot.afterConnect,
      },
    }),
  );
  const worker = await startWorker({
    engine,
    redisUrl,
    logger,
    prefix,
    rewardIssuer: shopifyPlatform.issuer,
    friendOfferIssuer: shopifyPlatform.friendOffers,
    platformNotifier: shopifyPlatform.notifier,
    crmWriter: hubspot.writer,
    // The sweep is what writes a backfill queued by a connect; production runs it every minute.
    crm: { linkFor: hubspot.linkFor, sweepEveryMs: 500 },
    inboundResolvers: { hubspot: hubspot.resolver },
  });
  const portals: number[] = [];
  return {
    shopifyEmulator,
    shopifyPlatform,
    shopifyUrl: shopifyServer.url,
    hubspot,
    hubspotEmulator,
    hubspotUrl: hubspotServer.url,
    encryptionKey,
    worker,
    async shopWithAdvocate() {
      const shop = `hs-${randomBytes(4).toString('hex')}.myshopify.com`;
      const state = shopifyEmulator.installApp(shop);
      const { id: merchantId } = await shopifyPlatform.sessions.install(
        shop,
        shopifyEmulator.sessionToken(shop),
      );
      const { programId } = await buildProgram(engine.db, merchantId, {
        holdDays: 0,
        advocateReward: { kind: 'store_credit', amountMinor: 1500 },
        fraud: { rules: { velocity: { enabled: false } } },
      });
      const customer = { email: 'ada@example.com', firstName: 'Ada' };
      const shopifyId = state.addCustomer(customer).id.split('/').pop() ?? '';
      const enrolled = await enrollAdvocate(engine.db, {
        merchantId,
        programId,
        customer: { ...customer, platformCustomerId: shopifyId },
        consentAt: new Date(),
      });
      if (!enrolled.code) throw new Error('enrolment gave no code');
      return { shop, state, merchantId, ada: { advocateId: enrolled.advocateId, code: enrolled.code } };
    },
    async pay(shop, state, { id, email, total, code }) {
      const customer = state.addCustomer({ email });
      const payload = paidOrder({
        id,
        customer: { id: customer.id, email },
        total,
        attributes: { _referral_code: code },
      });
      const address = `${shopifyServer.url}/webhooks`;
      const secret = shopifyEmulator.apiSecret;
      return (await sendWebhook({ address, topic: 'orders/paid', shop, payload, secret })).status;
    },
    async connectPortal(merchantId) {
      const portalId = nextPortal++;
      const portal = hubspotEmulator.addPortal(portalId);
      portals.push(portalId);
      const query = new URLSearchParams({
        code: hubspotEmulator.authorize(portalId),
        state: signOAuthState(encryptionKey, merchantId),
      });
      const res = await fetch(`${hubspotServer.url}/hubspot/oauth/callback?${query}`);
      if (res.status !== 200) throw new Error(`connect failed: ${res.status} ${await res.text()}`);
      return { portalId, portal };
    },
    async close() {
      await worker.close();
      await Promise.all(
        [shopifyServer.server, hubspotServer.server].map((s) => new Promise((r) => s.close(r))),
      );
      await clickWriter.close();
      await hubspot.close();
      await shopifyEmulator.close();
      await deleteKeys([`${prefix}:*`, ...portals.map((p) => `hubspot:rate:{${p}}:*`)]);
    },
  };
}

/** BullMQ's and the limiter's keys of this test, so runs leave nothing behind in Redis. */
async function deleteKeys(patterns: string[]): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    for (const match of patterns) {
      for await (const keys of redis.scanStream({ match, count: 500 }) as AsyncIterable<string[]>) {
        if (keys.length > 0) await redis.del(...keys);
      }
    }
  } finally {
    redis.disconnect();
  }
}

/** A contact's current values, or null when the portal has no contact with that email. */
export function contact(portal: PortalState, email: string): Record<string, string> | null {
  const record = portal.contactByEmail(email);
  return record ? Object.fromEntries(record.values) : null;
}

const owned = new Set<string>(crmContactProperties);

/** Only the properties the referral sync writes. */
export const referralValues = (values: Record<string, string> | null): Record<string, string> =>
  Object.fromEntries(Object.entries(values ?? {}).filter(([name]) => owned.has(name)));

/** The most requests the portal saw in any sliding 10 s window (HubSpot's TEN_SECONDLY_ROLLING). */
export function maxRequestsPer10s(requests: readonly RequestLogEntry[], portalId: number): number {
  const at = requests
    .filter((r) => r.portalId === portalId)
    .map((r) => r.at)
    .sort((a, b) => a - b);
  let max = 0;
  for (let start = 0, end = 0; end < at.length; end++) {
    while ((at[end] as number) - (at[start] as number) >= 10_000) start++;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

/** A Shopify `orders/paid` payload for a customer, with cart attributes as note_attributes. */
function paidOrder(input: {
  id: number;
  customer: { id: string; email: string };
  total: string;
  attributes: Record<string, string>;
}) {
  const now = new Date().toISOString();
  return {
    id: input.id,
    name: `#${input.id}`,
    email: input.customer.email,
    created_at: now,
    processed_at: now,
    currency: 'USD',
    total_price: input.total,
    subtotal_price: input.total,
    financial_status: 'paid',
    browser_ip: '203.0.113.7',
    note_attributes: Object.entries(input.attributes).map(([name, value]) => ({ name, value })),
    discount_codes: [],
    customer: {
      id: Number(input.customer.id.split('/').pop()),
      email: input.customer.email,
      orders_count: 1,
    },
  };
}
