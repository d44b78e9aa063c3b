import { type DomainEvent, ingestInboundEvent, listShopifyMerchantsToReconcile } from '@referrals/core';
import { z } from 'zod';
import { defineJob } from './define-job.js';
import { reconcileWindowHoursSchema } from './reconcile-shopify-orders.js';

/**
 * Stable per order, event and refund: a re-run stores nothing new, and an order whose status
 * moved on (pending -> paid, a new refund, a cancellation) stores just the new event.
 */
export function reconcileExternalId(event: DomainEvent): string {
  if (!('orderId' in event)) throw new Error(`${event.type} is not an order event`);
  const refundId = event.type === 'OrderRefunded' ? event.refundId : '';
  return `shopify-reconcile:${event.orderId}:${event.type}:${refundId}`;
}

/**
 * Re-reads one shop's recently updated orders and puts every event they imply into the inbox
 * as engine ('internal') events; the usual process-inbound jobs take them from there. Orders
 * whose webhooks did arrive are processed once more, which the engine makes a no-op (orders,
 * referrals, rewards and refunds are unique per order / refund id).
 */
export const reconcileShopifyMerchantJob = defineJob({
  name: 'reconcile-shopify-merchant',
  queue: 'scheduled',
  payloadSchema: z.object({ merchantId: z.string().uuid(), windowHours: reconcileWindowHoursSchema }),
  async handle({ merchantId, windowHours }, { engine, logger, orderSource, storefrontTracking }) {
    if (!orderSource) {
      logger.info({ merchantId }, 'no order source configured: Shopify orders are not reconciled');
      return { skipped: 'no-order-source' };
    }
    // It may have uninstalled (or lost its token) since the fan-out.
    const [current] = await listShopifyMerchantsToReconcile(engine.db, { merchantId });
    if (!current) return { skipped: 'not-connected' };
    // A shop installed before the web pixel existed, or whose pixel was removed, gets it back. A
    // failure is logged and leaves the order reconciliation to run: the next hour tries again.
    let tracking: 'ensured' | 'failed' | 'skipped' = 'skipped';
    if (storefrontTracking && current.shopDomain) {
      tracking = await storefrontTracking.ensure(merchantId, current.shopDomain).then(
        () => 'ensured' as const,
        (error: unknown) => {
          logger.warn({ merchantId, err: error }, 'web pixel could not be ensured; retried next hour');
          return 'failed' as const;
        },
      );
    }
    const since = new Date(Date.now() - windowHours * 3_600_000);
    let orders = 0;
    let events = 0;
    let stored = 0;
    for await (const orderEvents of orderSource.listOrdersUpdatedSince(merchantId, since)) {
      orders += 1;
      for (const event of orderEvents) {
        events += 1;
        const result = await ingestInboundEvent(engine.db, {
          merchantId,
          platform: 'internal',
          externalId: reconcileExternalId(event),
          topic: event.type,
          payload: JSON.parse(JSON.stringify(event)),
        });
        if (!result.duplicate) stored += 1;
      }
    }
    if (stored > 0)
      logger.info({ merchantId, orders, stored }, 'reconciliation stored missed Shopify events');
    return { orders, events, stored, tracking };
  },
});
