// Signs and delivers a webhook the way Shopify does: HMAC-SHA256 of the raw body with the app's
// secret, base64, plus Shopify's headers. Used by tests, benchmarks and sandbox mode.
import { createHmac, randomUUID } from 'node:crypto';
import { ADMIN_API_VERSION } from './schema.js';

export type WebhookDelivery = {
  /** Where the app listens, e.g. http://127.0.0.1:3000/webhooks */
  address: string;
  topic: string;
  shop: string;
  payload: unknown;
  secret: string;
  /** Shopify keeps the event id across retries of one event; pass it to replay a delivery. */
  eventId?: string;
};

export async function sendWebhook(
  delivery: WebhookDelivery,
): Promise<{ status: number; eventId: string; body: string }> {
  const body = JSON.stringify(delivery.payload);
  const eventId = delivery.eventId ?? randomUUID();
  const res = await fetch(delivery.address, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': delivery.topic,
      'x-shopify-hmac-sha256': createHmac('sha256', delivery.secret).update(body).digest('base64'),
      'x-shopify-shop-domain': delivery.shop,
      'x-shopify-api-version': ADMIN_API_VERSION,
      'x-shopify-webhook-id': randomUUID(),
      'x-shopify-event-id': eventId,
      'x-shopify-triggered-at': new Date().toISOString(),
    },
  });
  return { status: res.status, eventId, body: await res.text() };
}
