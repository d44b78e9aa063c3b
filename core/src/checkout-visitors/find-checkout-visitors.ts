// The web pixel's visitors for one order, for attribution: only those reported under the order's
// own checkout token count, so a request that guessed an order id but not its checkout adds nothing.
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { findVisitorsOfCheckout } from './repository.js';

export type CheckoutVisitor = { visitorId: string; occurredAt: Date };

export async function findCheckoutVisitors(
  db: Database,
  merchantId: string,
  order: { platformOrderId: string; checkoutToken: string | null | undefined },
): Promise<CheckoutVisitor[]> {
  if (!order.checkoutToken) return [];
  const rows = await findVisitorsOfCheckout(
    forMerchant(db, merchantId),
    order.platformOrderId,
    order.checkoutToken,
  );
  return rows.map((r) => ({ visitorId: r.visitorId, occurredAt: r.occurredAt }));
}
