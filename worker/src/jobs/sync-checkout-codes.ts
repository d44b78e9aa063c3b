// sync-checkout-codes: one shop's checkout discounts and redeem codes brought in step with its
// advocates' codes (core's syncCheckoutCodes). Asked for by the outbox (a code created or
// disabled, an advocate suspended, a programme version published or paused) and, with
// `reconcile`, by the periodic reconcile, which also compares with what Shopify holds.
//
// Job ids name windows of CHECKOUT_SYNC_WINDOW_MS: `checkout-codes-{merchant}-{w}` is the one sync
// of window w, run once that window has ended, so a burst of enrolments is one run that sees them
// all. A run that finds another still holding the shop asks for the window after the current one.
import { listShopifyMerchantsToReconcile, syncCheckoutCodes } from '@referrals/core';
import { z } from 'zod';
import { defineJob, type JobDeps } from './define-job.js';

export const CHECKOUT_SYNC_WINDOW_MS = 1000;

export type CheckoutSyncRequest = {
  jobId: string;
  delay: number;
  data: { merchantId: string; reconcile: boolean };
};

/** The sync of the window `nowMs` falls in (or a later one), run when that window ends. */
export function checkoutSyncRequest(
  merchantId: string,
  nowMs: number,
  options: { reconcile?: boolean; windowsAhead?: number } = {},
): CheckoutSyncRequest {
  const window = Math.floor(nowMs / CHECKOUT_SYNC_WINDOW_MS) + (options.windowsAhead ?? 0);
  const reconcile = options.reconcile === true;
  return {
    jobId: `checkout-codes-${reconcile ? 'reconcile-' : ''}${merchantId}-${window}`,
    delay: Math.max(0, (window + 1) * CHECKOUT_SYNC_WINDOW_MS - nowMs),
    data: { merchantId, reconcile },
  };
}

export async function enqueueCheckoutSync(deps: Pick<JobDeps, 'enqueue'>, request: CheckoutSyncRequest) {
  await deps.enqueue('rewards', 'sync-checkout-codes', request.data, {
    jobId: request.jobId,
    delay: request.delay,
  });
}

export const syncCheckoutCodesJob = defineJob({
  name: 'sync-checkout-codes',
  queue: 'rewards',
  payloadSchema: z.object({ merchantId: z.string().uuid(), reconcile: z.boolean().default(false) }),
  async handle({ merchantId, reconcile }, deps) {
    const { engine, logger, checkoutDiscounts } = deps;
    // Without the Shopify adapter nothing can be synced; the reconcile of a worker that has one
    // catches up on everything, so the change is not lost.
    if (!checkoutDiscounts) return { skipped: 'no-checkout-discounts' };
    // A shop that uninstalled, or a merchant never connected to Shopify, has nothing to sync.
    const [connected] = await listShopifyMerchantsToReconcile(engine.db, { merchantId });
    if (!connected) return { skipped: 'not-connected' };
    const result = await syncCheckoutCodes(engine.db, checkoutDiscounts, { merchantId, reconcile });
    if (result.status === 'busy') {
      await enqueueCheckoutSync(
        deps,
        checkoutSyncRequest(merchantId, Date.now(), { reconcile, windowsAhead: 1 }),
      );
      return result;
    }
    if (result.failures.length > 0) {
      logger.warn(
        { merchantId, failures: result.failures.slice(0, 20), count: result.failures.length },
        'checkout sync: Shopify refused some codes (recorded on each; retried by the reconcile)',
      );
    }
    if (result.repaired > 0)
      logger.info({ merchantId, repaired: result.repaired }, 'checkout reconcile repaired');
    return result;
  },
});
