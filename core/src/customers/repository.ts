// Queries on customers; every one goes through the merchant-scoped handle.
import { eq, isNull, or, sql } from 'drizzle-orm';
import type { MerchantScope } from '../db/merchant-scope.js';
import { customers } from '../db/schema/index.js';

export type CustomerRow = typeof customers.$inferSelect;
export type NewCustomer = Omit<typeof customers.$inferInsert, 'id' | 'merchantId' | 'createdAt'>;

/** Up to 20 customers matching the platform id or the normalised email, oldest first. */
export function findCustomerMatches(
  m: MerchantScope,
  platformId: string | null,
  emailNormalized: string | null,
): Promise<CustomerRow[]> {
  return m.db
    .select()
    .from(customers)
    .where(
      m.where(
        customers,
        or(
          platformId ? eq(customers.platformCustomerId, platformId) : sql`false`,
          emailNormalized ? eq(customers.emailNormalized, emailNormalized) : sql`false`,
        ),
      ),
    )
    .orderBy(customers.createdAt)
    .limit(20);
}

/** Sets the platform id of a customer that has none yet; null when one was set meanwhile. */
export async function linkPlatformCustomerId(
  m: MerchantScope,
  customerId: string,
  platformId: string,
): Promise<CustomerRow | null> {
  const [linked] = await m.db
    .update(customers)
    .set({ platformCustomerId: platformId })
    .where(m.where(customers, eq(customers.id, customerId), isNull(customers.platformCustomerId)))
    .returning();
  return linked ?? null;
}

/** Inserts a customer; null when the unique platform id is already taken. */
export async function insertCustomer(m: MerchantScope, values: NewCustomer): Promise<CustomerRow | null> {
  const [created] = await m.db
    .insert(customers)
    .values({ ...values, merchantId: m.merchantId })
    .onConflictDoNothing()
    .returning();
  return created ?? null;
}

export async function findCustomerByPlatformId(
  m: MerchantScope,
  platformId: string,
): Promise<CustomerRow | null> {
  const [row] = await m.db
    .select()
    .from(customers)
    .where(m.where(customers, eq(customers.platformCustomerId, platformId)));
  return row ?? null;
}
