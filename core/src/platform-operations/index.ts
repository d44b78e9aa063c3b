// Exactly-once calls to platforms that have no idempotency key of their own. The row is written
// (committed) before the call; after a crash the retry finds it 'started' and must look on the
// platform before calling again. A platform ref can be claimed by one operation only (unique).
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { platformOperations } from '../db/schema/index.js';
import { isUniqueViolation } from '../db/scoped.js';

export type PlatformOperationKey = {
  merchantId: string;
  platform: 'shopify' | 'hubspot';
  idempotencyKey: string;
};

export type OperationState =
  | { state: 'new' }
  /** An earlier attempt began and never recorded an outcome: it may have reached the platform. */
  | { state: 'in_doubt'; startedAt: Date; attempts: number }
  | { state: 'succeeded'; platformRef: string | null; result: unknown };

const where = (key: PlatformOperationKey) =>
  and(
    eq(platformOperations.merchantId, key.merchantId),
    eq(platformOperations.platform, key.platform),
    eq(platformOperations.idempotencyKey, key.idempotencyKey),
  );

/** Records an attempt and says whether an earlier one exists and how it ended. */
export async function beginPlatformOperation(
  db: Database,
  key: PlatformOperationKey & { operation: string },
): Promise<OperationState> {
  const inserted = await db
    .insert(platformOperations)
    .values(key)
    .onConflictDoNothing()
    .returning({ id: platformOperations.id });
  if (inserted.length > 0) return { state: 'new' };
  const [row] = await db
    .update(platformOperations)
    .set({ attempts: sql`${platformOperations.attempts} + 1` })
    .where(where(key))
    .returning();
  if (!row) throw new Error(`Platform operation ${key.idempotencyKey} vanished`);
  if (row.status === 'succeeded')
    return { state: 'succeeded', platformRef: row.platformRef, result: row.result };
  return { state: 'in_doubt', startedAt: row.startedAt, attempts: row.attempts };
}

/** The call succeeded: remember what it created. Returns false if another operation owns the ref. */
export async function completePlatformOperation(
  db: Database,
  key: PlatformOperationKey,
  platformRef: string | null,
  result: unknown = null,
): Promise<boolean> {
  try {
    await db
      .update(platformOperations)
      .set({ status: 'succeeded', platformRef, result, completedAt: sql`now()` })
      .where(where(key));
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Platform refs already owned by a finished operation (so an in-doubt retry can't claim them). */
export async function claimedPlatformRefs(
  db: Database,
  merchantId: string,
  platform: PlatformOperationKey['platform'],
  refs: string[],
): Promise<Set<string>> {
  if (refs.length === 0) return new Set();
  const rows = await db
    .select({ ref: platformOperations.platformRef })
    .from(platformOperations)
    .where(
      and(
        eq(platformOperations.merchantId, merchantId),
        eq(platformOperations.platform, platform),
        inArray(platformOperations.platformRef, refs),
      ),
    );
  return new Set(rows.map((r) => r.ref).filter((r): r is string => r !== null));
}
