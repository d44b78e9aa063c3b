// Queries on checkout_sync_state: one sync at a time per shop (a lease), and how the runs went.
import { eq, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { MerchantScope } from '../../db/merchant-scope.js';
import { checkoutSyncState } from '../../db/schema/index.js';

/** Takes the shop's lease for `seconds` unless another sync holds it; true when taken. */
export async function claimLease(m: MerchantScope, token: string, seconds: number): Promise<boolean> {
  const until = sql`now() + make_interval(secs => ${seconds})`;
  const rows = await m.db
    .insert(checkoutSyncState)
    .values({ merchantId: m.merchantId, leaseToken: token, leaseUntil: until })
    .onConflictDoUpdate({
      target: checkoutSyncState.merchantId,
      set: { leaseToken: token, leaseUntil: until, updatedAt: sql`now()` },
      setWhere: or(isNull(checkoutSyncState.leaseUntil), lt(checkoutSyncState.leaseUntil, sql`now()`)) as SQL,
    })
    .returning({ token: checkoutSyncState.leaseToken });
  return rows[0]?.token === token;
}

/** Holds the lease `seconds` longer; false when it was lost (expired and taken by another sync). */
export async function extendLease(m: MerchantScope, token: string, seconds: number): Promise<boolean> {
  const rows = await m.db
    .update(checkoutSyncState)
    .set({ leaseUntil: sql`now() + make_interval(secs => ${seconds})` })
    .where(m.where(checkoutSyncState, eq(checkoutSyncState.leaseToken, token)))
    .returning({ token: checkoutSyncState.leaseToken });
  return rows.length > 0;
}

/**
 * Frees the lease and records the run: a run that finished clears the failed-run count and keeps
 * what the platform refused in it (`problems`, null when nothing), a run that failed counts one.
 */
export async function releaseLease(
  m: MerchantScope,
  token: string,
  outcome: { ok: true; reconciled: boolean; problems: string | null } | { ok: false; error: string },
): Promise<void> {
  const mine = m.where(checkoutSyncState, eq(checkoutSyncState.leaseToken, token));
  const free = { leaseToken: null, leaseUntil: null, updatedAt: sql`now()` };
  if (outcome.ok) {
    await m.db
      .update(checkoutSyncState)
      .set({
        ...free,
        lastSyncedAt: sql`now()`,
        ...(outcome.reconciled ? { lastReconciledAt: sql`now()` } : {}),
        failures: 0,
        lastError: outcome.problems,
        lastErrorAt: outcome.problems ? sql`now()` : null,
      })
      .where(mine);
  } else {
    await m.db
      .update(checkoutSyncState)
      .set({
        ...free,
        failures: sql`${checkoutSyncState.failures} + 1`,
        lastError: outcome.error,
        lastErrorAt: sql`now()`,
      })
      .where(mine);
  }
}

export async function findSyncState(m: MerchantScope) {
  const [row] = await m.db.select().from(checkoutSyncState).where(m.where(checkoutSyncState));
  return row ?? null;
}
