// Brings the platform's checkout discounts and redeem codes in step with our codes, for one shop:
// triggered by code, advocate and programme changes, and run periodically as a reconcile that also
// compares with what the platform holds. One run at a time per shop (a lease in the database, so
// a crashed worker's run expires); a run that finds the shop busy returns `busy` for a later try.
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { DomainError } from '../errors.js';
import type { CheckoutDiscounts } from '../ports.js';
import { issueErrorText } from '../rewards/index.js';
import { type ApplyContext, applyCheckoutPlan, type SyncFailure } from './apply-checkout-plan.js';
import { compareWithPlatform } from './compare-with-platform.js';
import { loadCheckoutState } from './load-checkout-state.js';
import { planCheckoutSync } from './plan-checkout-sync.js';
import { claimLease, extendLease, releaseLease } from './repository/sync-state.js';

/** A run holds the shop this long past its last step. */
const LEASE_SECONDS = 120;
/** A code that failed this often waits for the next reconcile instead of every change's run. */
export const MAX_CODE_ATTEMPTS = 5;

export type SyncCheckoutCodesInput = {
  merchantId: string;
  /** Compare with the platform first (the periodic run), and retry codes that failed often. */
  reconcile?: boolean;
  now?: Date;
};

export type SyncCheckoutCodesResult =
  | { status: 'busy' }
  | {
      status: 'done';
      reconciled: boolean;
      created: number;
      ended: number;
      added: number;
      removed: number;
      repaired: number;
      advocatesWritten: number;
      /** Codes left for the reconcile after MAX_CODE_ATTEMPTS failures. */
      held: number;
      /** What the platform refused this run (also recorded on each code). */
      failures: SyncFailure[];
    };

export async function syncCheckoutCodes(
  db: Database,
  platform: CheckoutDiscounts,
  input: SyncCheckoutCodesInput,
): Promise<SyncCheckoutCodesResult> {
  const m = forMerchant(db, input.merchantId);
  const token = randomUUID();
  if (!(await m.transaction((tx) => claimLease(tx, token, LEASE_SECONDS)))) return { status: 'busy' };
  const reconciled = input.reconcile === true;
  try {
    const now = input.now ?? new Date();
    const keepLease = async () => {
      if (!(await m.transaction((tx) => extendLease(tx, token, LEASE_SECONDS))))
        throw new DomainError('RETRY_LATER', `The checkout sync of ${input.merchantId} lost its lease.`);
    };
    let state = await loadCheckoutState(db, input.merchantId, now);
    const ctx: ApplyContext = { db, platform, state, keepLease };
    let repaired = 0;
    if (reconciled) {
      repaired = await compareWithPlatform(ctx);
      state = await loadCheckoutState(db, input.merchantId, now);
    }
    const plan = planCheckoutSync({
      programs: state.programs,
      discounts: state.discounts,
      codes: state.codes,
      maxAttempts: reconciled ? Number.POSITIVE_INFINITY : MAX_CODE_ATTEMPTS,
      rewriteAdvocates: reconciled,
    });
    const counts = await applyCheckoutPlan({ ...ctx, state }, plan);
    await m.transaction((tx) =>
      releaseLease(tx, token, { ok: true, reconciled, problems: problemsOf(counts.failures) }),
    );
    return { status: 'done', reconciled, repaired, held: plan.held, ...counts };
  } catch (error) {
    try {
      await m.transaction((tx) => releaseLease(tx, token, { ok: false, error: issueErrorText(error) }));
    } catch {
      // Recording it must not hide the error that decides the retry.
    }
    throw error;
  }
}

/** What the platform refused in a run, as the shop's sync state shows it (null: nothing). */
function problemsOf(failures: SyncFailure[]): string | null {
  if (failures.length === 0) return null;
  const what = failures
    .slice(0, 3)
    .map((f) => `${f.code ?? `customer ${f.platformCustomerId}`}: ${f.error}`)
    .join('; ');
  return issueErrorText(new Error(`${failures.length} refused by the platform: ${what}`));
}
