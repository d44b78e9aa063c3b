// shop/redact: delete everything a merchant ever stored with us, in one transaction. The ledger
// and program versions are append-only; their triggers let a DELETE through only for the
// merchant named in `referrals.purging_merchant`, set for this transaction alone.
import { eq, getTableName, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import {
  advocates,
  attributionDecisions,
  auditLog,
  clicks,
  crmSyncQueue,
  crmSyncState,
  customers,
  friendOffers,
  inboundEvents,
  invitations,
  ledgerAccounts,
  ledgerEntries,
  ledgerTransactions,
  merchants,
  orderRefunds,
  orders,
  outbox,
  platformConnections,
  platformOperations,
  privacyRequests,
  programs,
  programVersions,
  referralCodes,
  referrals,
  rewardClawbacks,
  rewards,
} from '../db/schema/index.js';

type MerchantTable = PgTable & { merchantId: PgColumn };

/**
 * Every table with a merchant_id, children before the rows they reference. A table added to the
 * schema must be added here (privacy.int.test.ts compares this list with the database catalog).
 */
export const merchantTablesInPurgeOrder: readonly MerchantTable[] = [
  ledgerEntries,
  ledgerTransactions,
  ledgerAccounts,
  rewardClawbacks,
  rewards,
  referrals,
  attributionDecisions,
  orderRefunds,
  orders,
  friendOffers,
  invitations,
  clicks,
  referralCodes,
  advocates,
  crmSyncQueue,
  crmSyncState,
  customers,
  programVersions,
  programs,
  platformConnections,
  platformOperations,
  privacyRequests,
  inboundEvents,
  outbox,
  auditLog,
];

export type PurgeResult = {
  /** Tables (the merchants table included) from which at least one row was deleted. */
  tablesPurged: number;
  rowsDeleted: number;
  rowsByTable: Record<string, number>;
};

async function deleteCounted(db: Database, table: PgTable, where: SQL): Promise<number> {
  // Counted in SQL: the drivers (node-postgres, PGlite) report affected rows differently.
  const result = await db.execute(
    sql`WITH gone AS (DELETE FROM ${table} WHERE ${where} RETURNING 1) SELECT count(*)::int AS n FROM gone`,
  );
  return Number((result.rows as { n: number }[])[0]?.n ?? 0);
}

/** Deletes the merchant and all its rows; other merchants are untouched. A second call finds nothing. */
export async function purgeMerchant(db: Database, merchantId: string): Promise<PurgeResult> {
  return forMerchant(db, merchantId).transaction(async ({ db: tx }) => {
    // Locking the merchant row first makes concurrent writers for this merchant (whose foreign
    // keys need a share lock on it) wait, then fail once it is gone, instead of slipping rows in.
    const [merchant] = await tx
      .select({ id: merchants.id })
      .from(merchants)
      .where(eq(merchants.id, merchantId))
      .for('update');
    if (!merchant) return { tablesPurged: 0, rowsDeleted: 0, rowsByTable: {} };
    await tx.execute(sql`SELECT set_config('referrals.purging_merchant', ${merchantId}, true)`);
    const rowsByTable: Record<string, number> = {};
    for (const table of merchantTablesInPurgeOrder) {
      rowsByTable[getTableName(table)] = await deleteCounted(tx, table, eq(table.merchantId, merchantId));
    }
    // Any table missed above goes with the merchant row (merchant_id cascades); none should be.
    rowsByTable[getTableName(merchants)] = await deleteCounted(tx, merchants, eq(merchants.id, merchantId));
    const counts = Object.values(rowsByTable);
    return {
      tablesPurged: counts.filter((n) => n > 0).length,
      rowsDeleted: counts.reduce((sum, n) => sum + n, 0),
      rowsByTable,
    };
  });
}
