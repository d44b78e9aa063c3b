// POST /webhooks/hubspot - raw body -> v3 signature (constant time, 5-minute window) -> zod ->
// inbox insert per event, unique on (portal, event id) -> 200. The worker resolves deals.
import { type Database, findConnectionByAccount, ingestInboundEvent } from '@referrals/core';
import express, { type Router } from 'express';
import type { Logger } from 'pino';
import { hubspotWebhookBodySchema, subscriptionTypeOf } from './payloads.js';
import { verifyHubSpotSignature } from './verify-signature.js';

export type HubSpotWebhookDeps = {
  db: Database;
  logger: Logger;
  /** The app's client secret; without it nothing can be verified, so nothing is accepted. */
  clientSecret: string | undefined;
  /** The public URL HubSpot calls (the signature covers the full URI). */
  appUrl: string;
  now?: () => number;
};

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export function hubspotWebhookRouter(deps: HubSpotWebhookDeps): Router {
  const router = express.Router();
  const base = deps.appUrl.replace(/\/+$/, '');
  router.post(
    '/webhooks/hubspot',
    express.raw({ type: () => true, limit: '1mb' }),
    async (req, res, next) => {
      try {
        if (!deps.clientSecret) return void res.status(503).json({ error: 'WEBHOOKS_NOT_CONFIGURED' });
        const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const check = verifyHubSpotSignature({
          secret: deps.clientSecret,
          method: req.method,
          uri: `${base}${req.originalUrl}`,
          rawBody: raw,
          signature: header(req.headers['x-hubspot-signature-v3']),
          timestamp: header(req.headers['x-hubspot-request-timestamp']),
          now: deps.now?.() ?? Date.now(),
        });
        if (!check.ok) {
          deps.logger.warn({ reason: check.reason }, 'hubspot webhook refused');
          return void res.status(401).json({ error: 'INVALID_SIGNATURE', reason: check.reason });
        }
        let body: unknown;
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          return void res.status(400).json({ error: 'MALFORMED_JSON' });
        }
        const parsed = hubspotWebhookBodySchema.safeParse(body);
        if (!parsed.success) {
          deps.logger.warn({ issues: parsed.error.issues.slice(0, 5) }, 'hubspot webhook payload refused');
          return void res
            .status(400)
            .json({ error: 'INVALID_PAYLOAD', issues: parsed.error.issues.slice(0, 5) });
        }
        let stored = 0;
        let duplicates = 0;
        let unknownPortal = 0;
        const merchants = new Map<string, string | null>();
        for (const event of parsed.data) {
          if (!merchants.has(event.portalId)) {
            const connection = await findConnectionByAccount(deps.db, 'hubspot', event.portalId);
            merchants.set(event.portalId, connection?.merchantId ?? null);
          }
          const merchantId = merchants.get(event.portalId);
          if (!merchantId) {
            unknownPortal += 1;
            continue;
          }
          const result = await ingestInboundEvent(deps.db, {
            merchantId,
            platform: 'hubspot',
            externalId: `${event.portalId}:${event.eventId}`,
            topic: subscriptionTypeOf(event),
            payload: event,
          });
          if (result.duplicate) duplicates += 1;
          else stored += 1;
        }
        // A portal we don't know (disconnected) still gets 200: retrying would not change that.
        res.status(200).json({ ok: true, stored, duplicates, unknownPortal });
      } catch (error) {
        next(error);
      }
    },
  );
  return router;
}
