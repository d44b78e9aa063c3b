// Queries on checkout_discounts: the platform discounts of each programme version and method.
import { and, eq, sql } from 'drizzle-orm';
import type { MerchantScope } from '../../db/merchant-scope.js';
import { checkoutDiscounts, merchants, programs } from '../../db/schema/index.js';
import type { CheckoutDiscountMethod } from '../../ports.js';

export type CheckoutDiscountRow = typeof checkoutDiscounts.$inferSelect;

/** Every checkout discount of the merchant (pending ones have no platform id yet). */
export function findDiscounts(m: MerchantScope): Promise<CheckoutDiscountRow[]> {
  return m.db
    .select()
    .from(checkoutDiscounts)
    .where(m.where(checkoutDiscounts))
    .orderBy(checkoutDiscounts.createdAt);
}

/** The row of a version's discount of one method, made pending when there is none yet. */
export async function ensureDiscountRow(
  m: MerchantScope,
  values: { programId: string; programVersionId: string; method: CheckoutDiscountMethod },
): Promise<CheckoutDiscountRow> {
  await m.db
    .insert(checkoutDiscounts)
    .values({ ...values, merchantId: m.merchantId })
    .onConflictDoNothing();
  const [row] = await m.db
    .select()
    .from(checkoutDiscounts)
    .where(
      m.where(
        checkoutDiscounts,
        eq(checkoutDiscounts.programVersionId, values.programVersionId),
        eq(checkoutDiscounts.method, values.method),
      ),
    );
  return row!;
}

/** An ended discount wanted again (a paused programme resumed): made anew, next generation. */
export async function reviveDiscountRow(m: MerchantScope, id: string): Promise<CheckoutDiscountRow> {
  const [row] = await m.db
    .update(checkoutDiscounts)
    .set({
      status: 'pending',
      platformDiscountId: null,
      generation: sql`${checkoutDiscounts.generation} + 1`,
      endedAt: null,
      lastError: null,
      updatedAt: sql`now()`,
    })
    .where(and(m.byId(checkoutDiscounts, id), eq(checkoutDiscounts.status, 'ended')))
    .returning();
  return row!;
}

export async function markDiscountCreated(m: MerchantScope, id: string, platformDiscountId: string) {
  await m.db
    .update(checkoutDiscounts)
    .set({ status: 'active', platformDiscountId, lastError: null, updatedAt: sql`now()` })
    .where(m.byId(checkoutDiscounts, id));
}

/** The platform lost it: made again under the next generation (a new exactly-once key). */
export async function markDiscountLost(m: MerchantScope, id: string, why: string) {
  await m.db
    .update(checkoutDiscounts)
    .set({
      status: 'pending',
      platformDiscountId: null,
      generation: sql`${checkoutDiscounts.generation} + 1`,
      lastError: why,
      updatedAt: sql`now()`,
    })
    .where(and(m.byId(checkoutDiscounts, id), eq(checkoutDiscounts.status, 'active')));
}

export async function markDiscountEnded(m: MerchantScope, id: string) {
  await m.db
    .update(checkoutDiscounts)
    .set({ status: 'ended', endedAt: sql`now()`, lastError: null, updatedAt: sql`now()` })
    .where(m.byId(checkoutDiscounts, id));
}

export async function setDiscountError(m: MerchantScope, id: string, error: string | null) {
  await m.db
    .update(checkoutDiscounts)
    .set({ lastError: error, updatedAt: sql`now()` })
    .where(m.byId(checkoutDiscounts, id));
}

/** The merchant's programmes and whether each is active. */
export function findProgramStatuses(m: MerchantScope) {
  return m.db
    .select({ id: programs.id, status: programs.status })
    .from(programs)
    .where(m.where(programs))
    .orderBy(programs.createdAt);
}

/** The shop's currency: the friend's fixed offers and minimums are in it. */
export async function findShopCurrency(m: MerchantScope): Promise<string> {
  const [row] = await m.db.select({ currency: merchants.currency }).from(merchants).where(m.merchantRow);
  return row?.currency ?? 'USD';
}
