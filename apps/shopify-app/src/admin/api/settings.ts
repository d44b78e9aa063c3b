// /api/settings* - see contract/settings.ts for each route's request and response.
// (GET /api/integrations/hubspot, POST /api/integrations/hubspot/connect and GET
// /api/privacy-requests stay in routes.ts; the settings page uses them as they are.)
import {
  describeCheckoutSync,
  describeCrmSync,
  describeWebhookHealth,
  loadConnection,
  WEBHOOK_HEALTH_WINDOW_DAYS,
} from '@referrals/core';
import express, { type Router } from 'express';
import type { SettingsResponse } from '../contract/settings.js';
import { currentMerchant } from '../session-token.js';
import type { AdminApiDeps } from './deps.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function settingsApi(deps: AdminApiDeps): Router {
  const router = express.Router();

  // GET /api/settings - HubSpot connection and sync health, and webhook health per topic
  router.get('/settings', async (_req, res) => {
    const merchantId = currentMerchant(res).id;
    const [connection, webhooks, checkout] = await Promise.all([
      loadConnection(deps.db, deps.encryptionKey, merchantId, 'hubspot'),
      describeWebhookHealth(deps.db, merchantId),
      describeCheckoutSync(deps.db, merchantId),
    ]);
    const activeDiscount = (method: 'code' | 'automatic') =>
      checkout.discounts.some((d) => d.method === method && d.status === 'active');
    const sync = connection ? await describeCrmSync(deps.db, merchantId, 'hubspot') : null;
    const body: SettingsResponse = {
      hubspot: {
        available: !!deps.hubspotAppUrl,
        connected: !!connection,
        portalId: connection?.externalAccountId ?? null,
        status: connection?.status ?? null,
        sync: sync
          ? {
              pending: sync.pending,
              retrying: sync.retrying,
              oldestPendingAt: iso(sync.oldestPendingAt),
              parkedReason: sync.parkedReason,
              parkedUntil: iso(sync.parkedUntil),
              lastError: sync.lastError
                ? { message: sync.lastError.message, retryAt: sync.lastError.retryAt.toISOString() }
                : null,
              backfill: { startedAt: iso(sync.backfill.startedAt), doneAt: iso(sync.backfill.doneAt) },
              lastSuccessAt: iso(sync.lastSuccessAt),
            }
          : null,
      },
      checkoutCodes: {
        codesPlaced: checkout.codesPlaced,
        codeDiscountActive: activeDiscount('code'),
        automaticDiscountActive: activeDiscount('automatic'),
        lastSyncedAt: iso(checkout.lastSyncedAt),
        lastReconciledAt: iso(checkout.lastReconciledAt),
        failures: checkout.failures,
        lastError: checkout.lastError,
        failingCodes: checkout.failingCodes.slice(0, 10),
        failingCodeCount: checkout.failingCodes.length,
      },
      webhooks: {
        windowDays: WEBHOOK_HEALTH_WINDOW_DAYS,
        topics: webhooks
          .filter((w): w is typeof w & { platform: 'shopify' | 'hubspot' } => w.platform !== 'internal')
          .map((w) => ({
            platform: w.platform,
            topic: w.topic,
            received: w.received,
            failed: w.failed,
            waiting: w.waiting,
            lastReceivedAt: w.lastReceivedAt.toISOString(),
            lastFailedAt: iso(w.lastFailedAt),
          })),
      },
    };
    res.json(body);
  });

  return router;
}
