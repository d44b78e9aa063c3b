// Queries on the platform operation journal: one row per (merchant, platform, idempotency key).
import { eq, inArray, sql } from 'drizzle-orm';
import type { MerchantScope } from '../db/merchant-scope.js';
import { platformOperations } from '../db/schema/index.js';

export type PlatformOperationRow = typeof platformOperations.$inferSelect;
type Platform = PlatformOperationRow['platform'];
/** An operation within the scope's merchant. */
export type OperationRef = { platform: Platform; idempotencyKey: string };

const sameOperation = (m: MerchantScope, ref: OperationRef) =>
  m.where(
    platformOperations,
    eq(platformOperations.platform, ref.platform),
    eq(platformOperations.idempotencyKey, ref.idempotencyKey),
  );

/** Journals a first attempt; false when the operation is already on record. */
export async function insertPlatformOperation(
  m: MerchantScope,
  ref: OperationRef & { operation: string },
): Promise<boolean> {
  const inserted = await m.db
    .insert(platformOperations)
    .values({
      merchantId: m.merchantId,
      platform: ref.platform,
      idempotencyKey: ref.idempotencyKey,
      operation: ref.operation,
    })
    .onConflictDoNothing()
    .returning({ id: platformOperations.id });
  return inserted.length > 0;
}

/** Counts one more attempt at a journalled operation and returns its row. */
export async function bumpPlatformOperationAttempts(
  m: MerchantScope,
  ref: OperationRef,
): Promise<PlatformOperationRow | undefined> {
  const [row] = await m.db
    .update(platformOperations)
    .set({ attempts: sql`${platformOperations.attempts} + 1` })
    .where(sameOperation(m, ref))
    .returning();
  return row;
}

/** Records the outcome; fails with a unique violation if another operation owns `platformRef`. */
export async function markPlatformOperationSucceeded(
  m: MerchantScope,
  ref: OperationRef,
  platformRef: string | null,
  result: unknown,
): Promise<void> {
  await m.db
    .update(platformOperations)
    .set({ status: 'succeeded', platformRef, result, completedAt: sql`now()` })
    .where(sameOperation(m, ref));
}

/** Which of `refs` a recorded operation of the platform owns. */
export async function findOwnedPlatformRefs(
  m: MerchantScope,
  platform: Platform,
  refs: string[],
): Promise<string[]> {
  const rows = await m.db
    .select({ ref: platformOperations.platformRef })
    .from(platformOperations)
    .where(
      m.where(
        platformOperations,
        eq(platformOperations.platform, platform),
        inArray(platformOperations.platformRef, refs),
      ),
    );
  return rows.map((r) => r.ref).filter((r): r is string => r !== null);
}
