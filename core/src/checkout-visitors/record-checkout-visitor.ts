// A storefront web pixel saw a referral visitor complete a checkout: keep the (order, visitor)
// join. It credits nobody by itself; attribution looks up that visitor's server-recorded clicks.
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { insertCheckoutVisitor } from './repository.js';

export type RecordCheckoutVisitorInput = {
  merchantId: string;
  /** The platform's order id, as the order's own events carry it. */
  orderId: string;
  checkoutToken: string;
  visitorId: string;
  occurredAt: Date;
};

/** True when the join is new; a replay (same order and visitor) stores nothing. */
export async function recordCheckoutVisitor(
  db: Database,
  input: RecordCheckoutVisitorInput,
): Promise<boolean> {
  // Runs inside process-inbound's transaction: the scope builds filters and opens nothing.
  const m = forMerchant(db, input.merchantId);
  return insertCheckoutVisitor(m, {
    platformOrderId: input.orderId,
    checkoutToken: input.checkoutToken,
    visitorId: input.visitorId,
    occurredAt: input.occurredAt,
  });
}
