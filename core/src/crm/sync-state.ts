// The per-merchant CRM sync state: parking (a daily limit or a lost connection stops all writes
// for the merchant until it lifts) and the backfill cursor.
import { and, eq, isNotNull, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { crmSyncState } from '../db/schema/index.js';
import type { CrmPlatform } from './properties.js';

export type CrmParkedReason = 'daily_limit' | 'reconnect_needed';

type Key = { merchantId: string; platform: CrmPlatform };

const byKey = ({ merchantId, platform }: Key) =>
  and(eq(crmSyncState.merchantId, merchantId), eq(crmSyncState.platform, platform));

/** Updates the merchant's state row, creating it first when missing. */
export async function upsertSyncState(
  db: Database,
  key: Key,
  set: Partial<Omit<typeof crmSyncState.$inferInsert, 'merchantId' | 'platform'>>,
): Promise<void> {
  await db
    .insert(crmSyncState)
    .values({ ...key, ...set })
    .onConflictDoUpdate({
      target: [crmSyncState.merchantId, crmSyncState.platform],
      set: { ...set, updatedAt: sql`now()` },
    });
}

export async function parkSync(
  db: Database,
  key: Key,
  reason: CrmParkedReason,
  at: Date,
  until: Date | null,
): Promise<void> {
  await upsertSyncState(db, key, { parkedReason: reason, parkedAt: at, parkedUntil: until });
}

/** Lifts a daily-limit parking whose time has come; true when the merchant's sync may run. */
export async function liftDueParking(db: Database, key: Key, now: Date): Promise<boolean> {
  await db
    .update(crmSyncState)
    .set({ parkedReason: null, parkedAt: null, parkedUntil: null, updatedAt: sql`now()` })
    .where(
      and(
        byKey(key),
        eq(crmSyncState.parkedReason, 'daily_limit'),
        or(lte(crmSyncState.parkedUntil, now), sql`${crmSyncState.parkedUntil} is null`),
      ),
    );
  const [parked] = await db
    .select({ reason: crmSyncState.parkedReason })
    .from(crmSyncState)
    .where(and(byKey(key), isNotNull(crmSyncState.parkedReason)));
  return !parked;
}

export async function readSyncState(db: Database, key: Key) {
  const [row] = await db.select().from(crmSyncState).where(byKey(key));
  return row ?? null;
}
