// Queries on advocates, and the customer key both the storefront and the CRM find one by.
import { eq, type SQL } from 'drizzle-orm';
import type { MerchantScope } from '../../db/merchant-scope.js';
import { advocates, customers } from '../../db/schema/index.js';

/** A customer by their platform customer id (storefront) or normalised email (CRM contact). */
export type CustomerKey = { platformCustomerId: string } | { emailNormalized: string };

/** The condition on `customers` (customers/) that picks the customer a key names. */
export const customerIs = (key: CustomerKey): SQL =>
  'platformCustomerId' in key
    ? eq(customers.platformCustomerId, key.platformCustomerId)
    : eq(customers.emailNormalized, key.emailNormalized);

export type NewAdvocate = { customerId: string; programId: string; consentAt: Date };

/** Inserts the advocate; null when the customer already is one. */
export async function insertAdvocate(m: MerchantScope, values: NewAdvocate) {
  const [inserted] = await m.db
    .insert(advocates)
    .values({ ...values, merchantId: m.merchantId })
    .onConflictDoNothing()
    .returning();
  return inserted ?? null;
}

export async function findAdvocateIdByCustomer(m: MerchantScope, customerId: string): Promise<string | null> {
  const [row] = await m.db
    .select({ advocateId: advocates.id })
    .from(advocates)
    .where(m.where(advocates, eq(advocates.customerId, customerId)));
  return row?.advocateId ?? null;
}
