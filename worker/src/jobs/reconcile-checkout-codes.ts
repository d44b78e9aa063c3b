import { listShopifyMerchantsToReconcile } from '@referrals/core';
import { z } from 'zod';
import { defineJob } from './define-job.js';
import { checkoutSyncRequest, enqueueCheckoutSync } from './sync-checkout-codes.js';

/** The hourly safety net (scheduled by the runtime): a reconciling sync per connected shop. */
export const reconcileCheckoutCodesJob = defineJob({
  name: 'reconcile-checkout-codes',
  queue: 'scheduled',
  payloadSchema: z.object({}),
  async handle(_payload, deps) {
    if (!deps.checkoutDiscounts) return { skipped: 'no-checkout-discounts' };
    const merchants = await listShopifyMerchantsToReconcile(deps.engine.db);
    const now = Date.now();
    for (const { merchantId } of merchants) {
      await enqueueCheckoutSync(deps, checkoutSyncRequest(merchantId, now, { reconcile: true }));
    }
    return { merchants: merchants.length };
  },
});
