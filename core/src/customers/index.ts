import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { customers } from '../db/schema/index.js';
import { normalizeEmail } from '../identity/index.js';

export type CustomerIdentity = {
  platformCustomerId?: string | null | undefined;
  email?: string | null | undefined;
  firstName?: string | null | undefined;
};

export type CustomerRow = typeof customers.$inferSelect;

/**
 * Identity resolution: the platform id wins, then the normalised email (so a friend who switched
 * device or checked out as a guest is still the same person). Creates the customer when new.
 */
export async function resolveCustomer(
  db: Database,
  merchantId: string,
  identity: CustomerIdentity,
): Promise<CustomerRow | null> {
  const emailNormalized = identity.email ? normalizeEmail(identity.email) : null;
  const platformId = identity.platformCustomerId ?? null;
  if (!platformId && !emailNormalized) return null;
  // One read finds either match; the platform id wins over the email.
  const matches = await db
    .select()
    .from(customers)
    .where(
      and(
        eq(customers.merchantId, merchantId),
        or(
          platformId ? eq(customers.platformCustomerId, platformId) : sql`false`,
          emailNormalized ? eq(customers.emailNormalized, emailNormalized) : sql`false`,
        ),
      ),
    )
    .orderBy(customers.createdAt)
    .limit(20);
  const byId = platformId ? matches.find((c) => c.platformCustomerId === platformId) : undefined;
  if (byId) return byId;
  // An email match that already belongs to another platform account is someone else's record
  // (two accounts whose addresses normalise alike): never merge them.
  const byEmail = matches.find(
    (c) => c.emailNormalized === emailNormalized && (!platformId || !c.platformCustomerId),
  );
  if (byEmail) {
    if (platformId && !byEmail.platformCustomerId) {
      const [linked] = await db
        .update(customers)
        .set({ platformCustomerId: platformId })
        .where(
          and(
            eq(customers.id, byEmail.id),
            eq(customers.merchantId, merchantId),
            isNull(customers.platformCustomerId),
          ),
        )
        .returning();
      return linked ?? byEmail;
    }
    return byEmail;
  }
  const [created] = await db
    .insert(customers)
    .values({
      merchantId,
      platformCustomerId: platformId,
      email: identity.email ?? null,
      emailNormalized,
      firstName: identity.firstName ?? null,
    })
    .onConflictDoNothing()
    .returning();
  if (created) return created;
  // A concurrent insert won the unique platform id: read it back.
  const [existing] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.merchantId, merchantId), eq(customers.platformCustomerId, platformId!)));
  return existing ?? null;
}
