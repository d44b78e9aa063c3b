// POST /webhooks and /webhooks/compliance - raw body -> constant-time HMAC check -> zod parse -> inbox insert (unique on
// the event id) -> 200. The worker does the rest. Mounted before any JSON body parser.
import { type Database, findMerchantByShopDomain, ingestInboundEvent } from '@referrals/core';
import express, { type Router } from 'express';
import type { Logger } from 'pino';
import { isShopifyTopic, topicSchemas } from './payloads.js';
import { verifyShopifyHmac } from './verify-hmac.js';

export type WebhookDeps = {
  db: Database;
  logger: Logger;
  /** The app's API secret key; without it no webhook can be verified, so none is accepted. */
  apiSecret: string | undefined;
  maxBodyBytes?: number;
};

const COMPLIANCE_TOPICS = new Set(['customers/data_request', 'customers/redact', 'shop/redact']);

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export function shopifyWebhookRouter(deps: WebhookDeps): Router {
  const router = express.Router();
  router.post(
    ['/webhooks', '/webhooks/compliance'],
    express.raw({ type: () => true, limit: deps.maxBodyBytes ?? 512 * 1024 }),
    async (req, res, next) => {
      try {
        if (!deps.apiSecret) return void res.status(503).json({ error: 'WEBHOOKS_NOT_CONFIGURED' });
        const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        if (!verifyShopifyHmac(raw, header(req.headers['x-shopify-hmac-sha256']), deps.apiSecret)) {
          deps.logger.warn({ shop: req.headers['x-shopify-shop-domain'] }, 'webhook with a bad HMAC refused');
          return void res.status(401).json({ error: 'INVALID_HMAC' });
        }
        const topic = header(req.headers['x-shopify-topic']) ?? '';
        const shop = header(req.headers['x-shopify-shop-domain']) ?? '';
        const eventId =
          header(req.headers['x-shopify-event-id']) ?? header(req.headers['x-shopify-webhook-id']);
        if (!eventId || !shop) return void res.status(400).json({ error: 'MISSING_HEADERS' });
        if (!isShopifyTopic(topic)) {
          // Signed by Shopify but not a topic we subscribe to: acknowledge, store nothing.
          deps.logger.info({ topic, shop }, 'webhook topic not handled');
          return void res.status(200).json({ ok: true, ignored: true });
        }
        let payload: unknown;
        try {
          payload = JSON.parse(raw.toString('utf8'));
        } catch {
          return void res.status(400).json({ error: 'MALFORMED_JSON' });
        }
        const parsed = topicSchemas[topic].safeParse(payload);
        if (!parsed.success) {
          deps.logger.warn(
            { topic, shop, eventId, issues: parsed.error.issues.slice(0, 5) },
            'webhook payload refused',
          );
          return void res
            .status(400)
            .json({ error: 'INVALID_PAYLOAD', issues: parsed.error.issues.slice(0, 5) });
        }
        const merchant = await findMerchantByShopDomain(deps.db, shop);
        if (!merchant) {
          // A compliance request for a shop we hold nothing on (never installed, or already
          // purged) is fulfilled by definition; anything else names a shop we don't serve.
          if (COMPLIANCE_TOPICS.has(topic)) return void res.status(200).json({ ok: true, nothingHeld: true });
          return void res.status(404).json({ error: 'UNKNOWN_SHOP' });
        }
        const stored = await ingestInboundEvent(deps.db, {
          merchantId: merchant.id,
          platform: 'shopify',
          externalId: eventId,
          topic,
          payload,
        });
        res.status(200).json({ ok: true, duplicate: stored.duplicate });
      } catch (error) {
        next(error);
      }
    },
  );
  return router;
}
