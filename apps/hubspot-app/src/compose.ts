// The HubSpot side of a process, from its parsed env: with client credentials it talks to HubSpot
// (or HUBSPOT_API_BASE); without them it runs the sandbox: a local HubSpot emulator with one
// portal, connected to the sandbox shop's merchant so the CRM sync can be watched end to end.
import type { Database } from '@referrals/core';
import { type HubSpotEmulator, startHubSpotEmulator } from '@referrals/hubspot-emulator';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { afterHubSpotConnect } from './crm/after-connect.js';
import { HubSpotCrmWriter } from './crm/hubspot-crm-writer.js';
import { PortalRateLimiter } from './crm/portal-rate-limiter.js';
import { referralLinkFor } from './crm/referral-link.js';
import { hubspotInboundResolver } from './deals/resolve-deal-event.js';
import type { HubSpotEnv } from './env.js';
import { type HubSpotConfig, redirectUri } from './hubspot/config.js';
import { HubSpotConnections } from './hubspot/connections.js';

export const SANDBOX_PORTAL_ID = 1_000_001;

export type HubSpotSide = {
  config: HubSpotConfig;
  connections: HubSpotConnections;
  /** Stored deal events -> DealWon conversions (the worker's resolver for 'hubspot' inbox rows). */
  resolver: ReturnType<typeof hubspotInboundResolver>;
  /** The core's CrmWriter: batched upserts, paced by the connections' per-portal limiter (Redis). */
  writer: HubSpotCrmWriter;
  /** After OAuth: properties, unpark, backfill queued. */
  afterConnect: (merchantId: string, portalId: string) => Promise<void>;
  /** Referral links as the Shopify app serves them (for contact properties). */
  linkFor: (code: string, shopDomain: string | null) => string;
  sandbox: { emulator: HubSpotEmulator; portalId: number } | null;
  close(): Promise<void>;
};

export async function composeHubSpot(
  env: HubSpotEnv,
  deps: { db: Database; logger: Logger; encryptionKey: Buffer; redisUrl: string; emulatorPort?: number },
): Promise<HubSpotSide> {
  let sandbox: HubSpotSide['sandbox'] = null;
  let config: HubSpotConfig;
  if (env.HUBSPOT_CLIENT_ID && env.HUBSPOT_CLIENT_SECRET) {
    config = {
      clientId: env.HUBSPOT_CLIENT_ID,
      clientSecret: env.HUBSPOT_CLIENT_SECRET,
      appUrl: env.HUBSPOT_APP_URL,
      basePath: env.HUBSPOT_API_BASE,
    };
  } else {
    const redirect = `${env.HUBSPOT_APP_URL.replace(/\/+$/, '')}/hubspot/oauth/callback`;
    const emulator = await startHubSpotEmulator({ port: deps.emulatorPort ?? 0, redirectUri: redirect });
    emulator.addPortal(SANDBOX_PORTAL_ID);
    sandbox = { emulator, portalId: SANDBOX_PORTAL_ID };
    config = {
      clientId: emulator.clientId,
      clientSecret: emulator.clientSecret,
      appUrl: env.HUBSPOT_APP_URL,
      basePath: emulator.url,
    };
  }
  const redis = new Redis(deps.redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
  redis.on('error', (err) => deps.logger.debug({ err }, 'hubspot limiter redis error'));
  // Every portal client the connections hand out paces its requests with this limiter.
  const connections = new HubSpotConnections({
    db: deps.db,
    config,
    encryptionKey: deps.encryptionKey,
    logger: deps.logger,
    limiter: new PortalRateLimiter({ redis }),
  });
  return {
    config,
    connections,
    resolver: hubspotInboundResolver({ db: deps.db, connections, logger: deps.logger }),
    writer: new HubSpotCrmWriter({ connections, logger: deps.logger }),
    afterConnect: afterHubSpotConnect({ db: deps.db, connections, logger: deps.logger }),
    linkFor: referralLinkFor(env.SHOPIFY_APP_URL),
    sandbox,
    close: async () => {
      redis.disconnect();
      await sandbox?.emulator.close();
    },
  };
}

/** Sandbox: connect the merchant to the emulated portal, as if its admin had clicked through OAuth. */
export async function connectSandboxPortal(side: HubSpotSide, merchantId: string): Promise<string | null> {
  if (!side.sandbox) return null;
  const code = side.sandbox.emulator.authorize(side.sandbox.portalId, {
    redirectUri: redirectUri(side.config),
  });
  const { portalId } = await side.connections.connect(merchantId, code);
  // As the OAuth callback does: without the properties every contact write is refused.
  await side.afterConnect(merchantId, portalId);
  return portalId;
}
