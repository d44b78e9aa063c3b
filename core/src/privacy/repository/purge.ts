// Deleting one merchant's rows, table by table, and then the merchant. Every table is involved
// (privacy owns none but privacy_requests); the list and its order belong to purge-merchant.ts.
import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/client.js';
import type { MerchantScope } from '../../db/merchant-scope.js';
import { merchants } from '../../db/schema/index.js';

export type MerchantTable = PgTable & { merchantId: PgColumn };

/**
 * Owner: merchants. Locks the merchant row, so that concurrent writers for this merchant (whose
 * foreign keys need a share lock on it) wait, then fail once it is gone. False when there is none.
 */
export async function lockMerchantRow(m: MerchantScope): Promise<boolean> {
  const [merchant] = await m.db
    .select({ id: merchants.id })
    .from(merchants)
    .where(m.merchantRow)
    .for('update');
  return merchant !== undefined;
}

/** Lets the append-only triggers (ledger, program versions) pass deletes of this merchant, until the transaction ends. */
export async function allowPurgeOfAppendOnlyRows(m: MerchantScope): Promise<void> {
  await m.db.execute(sql`SELECT set_config('referrals.purging_merchant', ${m.merchantId}, true)`);
}

async function deleteCounted(db: Database, table: PgTable, where: SQL): Promise<number> {
  // Counted in SQL: the drivers (node-postgres, PGlite) report affected rows differently.
  const result = await db.execute(
    sql`WITH gone AS (DELETE FROM ${table} WHERE ${where} RETURNING 1) SELECT count(*)::int AS n FROM gone`,
  );
  return Number((result.rows as { n: number }[])[0]?.n ?? 0);
}

/** Deletes every row of `table` that belongs to this merchant; returns how many went. */
export function deleteMerchantRows(m: MerchantScope, table: MerchantTable): Promise<number> {
  return deleteCounted(m.db, table, m.where(table));
}

/** Owner: merchants. Deletes the merchant row itself (merchant_id cascades to anything left). */
export function deleteMerchantRow(m: MerchantScope): Promise<number> {
  return deleteCounted(m.db, merchants, m.merchantRow);
}
