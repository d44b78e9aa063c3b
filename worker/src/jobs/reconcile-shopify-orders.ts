import { listShopifyMerchantsToReconcile } from '@referrals/core';
import { z } from 'zod';
import { defineJob } from './define-job.js';

/** Shopify retries a webhook for 4 hours and may deliver it up to a day late: look back 26 hours. */
export const DEFAULT_RECONCILE_WINDOW_HOURS = 26;

export const reconcileWindowHoursSchema = z
  .number()
  .int()
  .min(1)
  .max(24 * 30)
  .default(DEFAULT_RECONCILE_WINDOW_HOURS);

/**
 * The safety net behind Shopify's webhooks (scheduled hourly by the runtime): one
 * reconcile-shopify-merchant job per installed merchant with a working Shopify connection. Job
 * ids carry the minute, so a retried fan-out does not read a shop twice in one go.
 */
export const reconcileShopifyOrdersJob = defineJob({
  name: 'reconcile-shopify-orders',
  queue: 'scheduled',
  payloadSchema: z.object({ windowHours: reconcileWindowHoursSchema }),
  async handle({ windowHours }, { engine, logger, orderSource, enqueue }) {
    if (!orderSource) {
      logger.info('no order source configured: Shopify orders are not reconciled');
      return { skipped: 'no-order-source' };
    }
    const minute = Math.floor(Date.now() / 60_000);
    const merchants = await listShopifyMerchantsToReconcile(engine.db);
    for (const { merchantId } of merchants) {
      await enqueue(
        'scheduled',
        'reconcile-shopify-merchant',
        { merchantId, windowHours },
        { jobId: `reconcile-${merchantId}-${minute}` },
      );
    }
    return { merchants: merchants.length };
  },
});
