// Queries on the inbox (inbound_events) for the admin's webhook health: per platform and topic,
// what arrived in a window, when the latest did, and how many the engine could not apply.
import { gte, sql } from 'drizzle-orm';
import type { MerchantScope } from '../db/merchant-scope.js';
import { inboundEvents } from '../db/schema/index.js';

export async function summariseInboundTopics(m: MerchantScope, since: Date) {
  return m.db
    .select({
      platform: inboundEvents.platform,
      topic: inboundEvents.topic,
      received: sql<number>`count(*)::int`,
      failed: sql<number>`(count(*) filter (where ${inboundEvents.status} = 'failed'))::int`,
      waiting: sql<number>`(count(*) filter (where ${inboundEvents.status} = 'received'))::int`,
      lastReceivedAt: sql<string>`max(${inboundEvents.receivedAt})`,
      lastFailedAt: sql<
        string | null
      >`max(${inboundEvents.receivedAt}) filter (where ${inboundEvents.status} = 'failed')`,
    })
    .from(inboundEvents)
    .where(m.where(inboundEvents, gte(inboundEvents.receivedAt, since)))
    .groupBy(inboundEvents.platform, inboundEvents.topic)
    .orderBy(inboundEvents.platform, inboundEvents.topic);
}
