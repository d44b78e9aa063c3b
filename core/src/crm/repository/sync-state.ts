// Queries on the per-merchant CRM sync state: parking (a daily limit or a lost connection stops all
// writes for the merchant until it lifts) and the backfill cursor.
import { eq, isNotNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { MerchantScope } from '../../db/merchant-scope.js';
import { crmSyncState } from '../../db/schema/index.js';
import type { CrmPlatform } from '../properties.js';

export type CrmParkedReason = 'daily_limit' | 'reconnect_needed';

export type SyncStateChanges = Partial<Omit<typeof crmSyncState.$inferInsert, 'merchantId' | 'platform'>>;

const onPlatform = (m: MerchantScope, platform: CrmPlatform, ...conditions: (SQL | undefined)[]) =>
  m.where(crmSyncState, eq(crmSyncState.platform, platform), ...conditions);

/** Updates the merchant's state row, creating it first when missing. */
export async function upsertSyncState(
  m: MerchantScope,
  platform: CrmPlatform,
  set: SyncStateChanges,
): Promise<void> {
  await m.db
    .insert(crmSyncState)
    .values({ merchantId: m.merchantId, platform, ...set })
    .onConflictDoUpdate({
      target: [crmSyncState.merchantId, crmSyncState.platform],
      set: { ...set, updatedAt: sql`now()` },
    });
}

/** Creates the merchant's state row if it is missing, leaving an existing one as it is. */
export async function ensureSyncState(m: MerchantScope, platform: CrmPlatform): Promise<void> {
  await m.db.insert(crmSyncState).values({ merchantId: m.merchantId, platform }).onConflictDoNothing();
}

/** The state row, locked until the transaction ends (FOR UPDATE): callers holding it take turns. */
export async function lockSyncState(m: MerchantScope, platform: CrmPlatform) {
  const [row] = await m.db.select().from(crmSyncState).where(onPlatform(m, platform)).for('update');
  return row ?? null;
}

export async function readSyncState(m: MerchantScope, platform: CrmPlatform) {
  const [row] = await m.db.select().from(crmSyncState).where(onPlatform(m, platform));
  return row ?? null;
}

export async function parkSync(
  m: MerchantScope,
  platform: CrmPlatform,
  reason: CrmParkedReason,
  at: Date,
  until: Date | null,
): Promise<void> {
  await upsertSyncState(m, platform, { parkedReason: reason, parkedAt: at, parkedUntil: until });
}

/** Lifts a daily-limit parking whose time has come (a reconnect parking waits for the merchant). */
export async function liftDueParking(m: MerchantScope, platform: CrmPlatform, now: Date): Promise<void> {
  await m.db
    .update(crmSyncState)
    .set({ parkedReason: null, parkedAt: null, parkedUntil: null, updatedAt: sql`now()` })
    .where(
      onPlatform(
        m,
        platform,
        eq(crmSyncState.parkedReason, 'daily_limit'),
        or(lte(crmSyncState.parkedUntil, now), sql`${crmSyncState.parkedUntil} is null`),
      ),
    );
}

export async function isSyncParked(m: MerchantScope, platform: CrmPlatform): Promise<boolean> {
  const [parked] = await m.db
    .select({ reason: crmSyncState.parkedReason })
    .from(crmSyncState)
    .where(onPlatform(m, platform, isNotNull(crmSyncState.parkedReason)));
  return Boolean(parked);
}
