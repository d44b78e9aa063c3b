// Queries on checkout_visitors, through the merchant-scoped handle.
import { eq } from 'drizzle-orm';
import type { MerchantScope } from '../db/merchant-scope.js';
import { checkoutVisitors } from '../db/schema/index.js';

export type CheckoutVisitorRow = typeof checkoutVisitors.$inferSelect;
export type NewCheckoutVisitor = Omit<
  typeof checkoutVisitors.$inferInsert,
  'merchantId' | 'id' | 'createdAt'
>;

/** Stores the join once (unique on merchant, order, visitor): false when it was already there. */
export async function insertCheckoutVisitor(m: MerchantScope, values: NewCheckoutVisitor): Promise<boolean> {
  const inserted = await m.db
    .insert(checkoutVisitors)
    .values({ ...values, merchantId: m.merchantId })
    .onConflictDoNothing()
    .returning({ id: checkoutVisitors.id });
  return inserted.length > 0;
}

/** The visitors seen completing this order's checkout, under this checkout token only. */
export async function findVisitorsOfCheckout(
  m: MerchantScope,
  platformOrderId: string,
  checkoutToken: string,
) {
  return m.db
    .select()
    .from(checkoutVisitors)
    .where(
      m.where(
        checkoutVisitors,
        eq(checkoutVisitors.platformOrderId, platformOrderId),
        eq(checkoutVisitors.checkoutToken, checkoutToken),
      ),
    )
    .orderBy(checkoutVisitors.occurredAt);
}
