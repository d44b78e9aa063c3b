// Reads what the checkout sync plans from, in one confined transaction: programmes and the version
// in force of each, the checkout discounts on record, the codes and what was synced of them.
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import type { CheckoutDiscountMethod, CheckoutDiscountSpec } from '../ports.js';
import { loadProgramBook } from '../programs/index.js';
import type { PlannedVersion, SyncInput } from './plan-checkout-sync.js';
import { findSyncCodes } from './repository/codes.js';
import {
  type CheckoutDiscountRow,
  findDiscounts,
  findProgramStatuses,
  findShopCurrency,
} from './repository/discounts.js';

export type CheckoutState = {
  merchantId: string;
  currency: string;
  programs: SyncInput['programs'];
  discounts: CheckoutDiscountRow[];
  codes: SyncInput['codes'];
};

export async function loadCheckoutState(db: Database, merchantId: string, now: Date): Promise<CheckoutState> {
  return forMerchant(db, merchantId).transaction(async (m) => {
    const book = await loadProgramBook(m.db, merchantId);
    const programs = (await findProgramStatuses(m)).map((p) => {
      const v = book.inForce(p.id, now);
      const inForce: PlannedVersion = {
        programId: p.id,
        versionId: v.id,
        version: v.version,
        rules: v.rules,
        effectiveFrom: v.effectiveFrom,
      };
      return { id: p.id, active: p.status === 'active', inForce };
    });
    return {
      merchantId,
      currency: await findShopCurrency(m),
      programs,
      discounts: await findDiscounts(m),
      codes: await findSyncCodes(m),
    };
  });
}

/** What the platform is asked to make for one version's discount of one method. */
export function specOf(
  state: Pick<CheckoutState, 'merchantId' | 'currency'>,
  version: PlannedVersion,
  method: CheckoutDiscountMethod,
  generation: number,
): CheckoutDiscountSpec {
  return {
    merchantId: state.merchantId,
    method,
    programVersionId: version.versionId,
    version: version.version,
    rules: version.rules,
    currency: state.currency,
    generation,
    effectiveFrom: version.effectiveFrom,
  };
}
