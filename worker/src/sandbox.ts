// Sandbox start-up: the Shopify emulator forgets everything on restart, but the database keeps
// the demo advocate's codes, so no change asks for their checkout discounts again. A reconcile
// sync (it compares with what Shopify holds and repairs) puts them back before a friend checks out.
import { checkoutSyncRequest } from './jobs/sync-checkout-codes.js';
import type { WorkerRuntime } from './runtime.js';

export async function reconcileSandboxCheckout(worker: WorkerRuntime, merchantId: string): Promise<void> {
  const request = checkoutSyncRequest(merchantId, Date.now(), { reconcile: true });
  await worker.queues.rewards.add('sync-checkout-codes', request.data, {
    jobId: request.jobId,
    delay: request.delay,
  });
}
