// What the admin shows about the shop's webhooks: per topic, the latest delivery and the failures
// in the last 30 days. The failure text stays internal (it can name ids): only counts and times go out.
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { summariseInboundTopics } from './webhook-health-repository.js';

export const WEBHOOK_HEALTH_WINDOW_DAYS = 30;

export type WebhookTopicHealth = {
  platform: 'shopify' | 'hubspot' | 'internal';
  topic: string;
  received: number;
  failed: number;
  /** Stored and not applied yet. */
  waiting: number;
  lastReceivedAt: Date;
  lastFailedAt: Date | null;
};

export async function describeWebhookHealth(
  db: Database,
  merchantId: string,
  now: Date = new Date(),
): Promise<WebhookTopicHealth[]> {
  const since = new Date(now.getTime() - WEBHOOK_HEALTH_WINDOW_DAYS * 86_400_000);
  const rows = await forMerchant(db, merchantId).transaction((m) => summariseInboundTopics(m, since));
  return rows
    .filter((r) => r.platform !== 'internal')
    .map((r) => ({
      platform: r.platform,
      topic: r.topic,
      received: r.received,
      failed: r.failed,
      waiting: r.waiting,
      lastReceivedAt: new Date(r.lastReceivedAt),
      lastFailedAt: r.lastFailedAt ? new Date(r.lastFailedAt) : null,
    }));
}
