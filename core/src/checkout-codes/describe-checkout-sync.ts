// Where a shop's checkout sync stands: its discounts, how many codes are on them, the codes the
// platform refused (with why), and the last run's outcome.
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { findSyncCodes } from './repository/codes.js';
import { findDiscounts } from './repository/discounts.js';
import { findSyncState } from './repository/sync-state.js';

export type CheckoutSyncDescription = {
  lastSyncedAt: Date | null;
  lastReconciledAt: Date | null;
  /** Consecutive failed runs, and the last run's error (or what the platform refused in it). */
  failures: number;
  lastError: string | null;
  discounts: {
    programVersionId: string;
    method: 'code' | 'automatic';
    status: 'pending' | 'active' | 'ended';
    platformDiscountId: string | null;
    generation: number;
    lastError: string | null;
  }[];
  /** Active codes on a code discount. */
  codesPlaced: number;
  /** Codes with a failed attempt since their last success. */
  failingCodes: { code: string; attempts: number }[];
};

export async function describeCheckoutSync(
  db: Database,
  merchantId: string,
): Promise<CheckoutSyncDescription> {
  return forMerchant(db, merchantId).transaction(async (m) => {
    const state = await findSyncState(m);
    const codes = await findSyncCodes(m);
    return {
      lastSyncedAt: state?.lastSyncedAt ?? null,
      lastReconciledAt: state?.lastReconciledAt ?? null,
      failures: state?.failures ?? 0,
      lastError: state?.lastError ?? null,
      discounts: (await findDiscounts(m)).map((d) => ({
        programVersionId: d.programVersionId,
        method: d.method,
        status: d.status,
        platformDiscountId: d.platformDiscountId,
        generation: d.generation,
        lastError: d.lastError,
      })),
      codesPlaced: codes.filter((c) => c.active && c.discountId !== null).length,
      failingCodes: codes.filter((c) => c.attempts > 0).map((c) => ({ code: c.code, attempts: c.attempts })),
    };
  });
}
