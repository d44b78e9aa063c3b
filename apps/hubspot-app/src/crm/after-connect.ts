// What a (re)connected portal needs before the sync writes to it: the referral properties, the
// merchant's sync unparked (a reconnect after a revoked token or a daily limit), and every existing
// advocate and referred friend queued once (the backfill). The worker's flush then writes them.
import { type Database, enqueueBackfill, unparkCrmSync } from '@referrals/core';
import type { Logger } from 'pino';
import type { HubSpotConnections } from '../hubspot/connections.js';
import { ensureReferralProperties } from './properties.js';

export type AfterConnectDeps = {
  db: Database;
  /** Its client paces the property requests with the sync's (the portal's shared limiter). */
  connections: Pick<HubSpotConnections, 'client'>;
  logger: Logger;
  /** Contacts queued per backfill page (default 500). */
  backfillPageSize?: number;
};

export type AfterConnectResult = {
  properties: Awaited<ReturnType<typeof ensureReferralProperties>>;
  wasParked: string | null;
  /** Contacts the backfill queued now (those queued already by live changes are not counted). */
  queued: number;
};

/** Prepares the merchant's portal; throws if the properties cannot be made (the connect fails). */
export async function prepareHubSpotPortal(
  deps: AfterConnectDeps,
  merchantId: string,
  portalId: string,
): Promise<AfterConnectResult> {
  const { client } = await deps.connections.client(merchantId);
  const properties = await ensureReferralProperties(client, {
    logger: deps.logger.child({ merchantId, portalId }),
  });
  const { wasParked } = await unparkCrmSync(deps.db, { merchantId, platform: 'hubspot' });
  // Queueing is only inserts (no HubSpot call), so all pages go now; the cursor makes a retry resume.
  let queued = 0;
  for (;;) {
    const page = await enqueueBackfill(deps.db, {
      merchantId,
      platform: 'hubspot',
      ...(deps.backfillPageSize ? { batchSize: deps.backfillPageSize } : {}),
    });
    queued += page.queued;
    if (page.done) break;
  }
  deps.logger.info(
    {
      merchantId,
      portalId,
      created: properties.created.length,
      mismatched: properties.mismatched.length,
      wasParked,
      queued,
    },
    'hubspot portal prepared',
  );
  return { properties, wasParked, queued };
}

/** The OAuth route's `afterConnect` hook. */
export const afterHubSpotConnect =
  (deps: AfterConnectDeps) =>
  async (merchantId: string, portalId: string): Promise<void> => {
    await prepareHubSpotPortal(deps, merchantId, portalId);
  };
