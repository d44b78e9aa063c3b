// Exactly-once calls to platforms that have no idempotency key of their own. The row is written
// (committed) before the call; after a crash the retry finds it 'started' and must look on the
// platform before calling again. A platform ref can be claimed by one operation only (unique).
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { isUniqueViolation } from '../db/scoped.js';
import {
  bumpPlatformOperationAttempts,
  findOwnedPlatformRefs,
  insertPlatformOperation,
  markPlatformOperationSucceeded,
} from './repository.js';

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

/** Records an attempt and says whether an earlier one exists and how it ended. */
export async function beginPlatformOperation(
  db: Database,
  key: PlatformOperationKey & { operation: string },
): Promise<OperationState> {
  // Its own transaction, committed before the call is made (that is the point of the journal).
  const row = await forMerchant(db, key.merchantId).transaction(async (m) => {
    if (await insertPlatformOperation(m, key)) return null;
    const existing = await bumpPlatformOperationAttempts(m, key);
    if (!existing) throw new Error(`Platform operation ${key.idempotencyKey} vanished`);
    return existing;
  });
  if (!row) return { state: 'new' };
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
    // The unique violation rolls this (sub)transaction back before it is caught here.
    await forMerchant(db, key.merchantId).transaction((m) =>
      markPlatformOperationSucceeded(m, key, platformRef, result),
    );
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
  const owned = await forMerchant(db, merchantId).transaction((m) =>
    findOwnedPlatformRefs(m, platform, refs),
  );
  return new Set(owned);
}
