// The web pixel's (order, visitor id) joins about a person: found by their orders or their
// browsers. Owner: checkout-visitors.
import { inArray, or } from 'drizzle-orm';
import type { MerchantScope } from '../../db/merchant-scope.js';
import { checkoutVisitors } from '../../db/schema/index.js';

type Who = { platformOrderIds: readonly string[]; visitorIds: readonly string[] };

const matching = (who: Who) =>
  or(
    who.platformOrderIds.length > 0
      ? inArray(checkoutVisitors.platformOrderId, [...who.platformOrderIds])
      : undefined,
    who.visitorIds.length > 0 ? inArray(checkoutVisitors.visitorId, [...who.visitorIds]) : undefined,
  );

/** Owner: checkout-visitors. Rows of these orders or from these browsers, oldest first. */
export async function findCheckoutVisitorsOf(m: MerchantScope, who: Who) {
  if (who.platformOrderIds.length === 0 && who.visitorIds.length === 0) return [];
  return m.db
    .select()
    .from(checkoutVisitors)
    .where(m.where(checkoutVisitors, matching(who)))
    .orderBy(checkoutVisitors.occurredAt);
}

/** Owner: checkout-visitors. The rows hold nothing but the join, so they are deleted, not scrubbed. */
export async function deleteCheckoutVisitorsOf(m: MerchantScope, who: Who): Promise<number> {
  if (who.platformOrderIds.length === 0 && who.visitorIds.length === 0) return 0;
  const deleted = await m.db
    .delete(checkoutVisitors)
    .where(m.where(checkoutVisitors, matching(who)))
    .returning({ id: checkoutVisitors.id });
  return deleted.length;
}
