// shop/redact: delete everything a merchant ever stored with us, in one transaction. The ledger
// and program versions are append-only; their triggers let a DELETE through only for the
// merchant named in `referrals.purging_merchant`, set for this transaction alone.
import { getTableName } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import {
  advocates,
  attributionDecisions,
  auditLog,
  checkoutCodes,
  checkoutDiscounts,
  checkoutSyncState,
  checkoutVisitors,
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
import {
  allowPurgeOfAppendOnlyRows,
  deleteMerchantRow,
  deleteMerchantRows,
  lockMerchantRow,
  type MerchantTable,
} from './repository/purge.js';

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
  checkoutVisitors,
  clicks,
  checkoutCodes,
  checkoutDiscounts,
  checkoutSyncState,
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

/** Deletes the merchant and all its rows; other merchants are untouched. A second call finds nothing. */
export async function purgeMerchant(db: Database, merchantId: string): Promise<PurgeResult> {
  return forMerchant(db, merchantId).transaction(async (m) => {
    // Locking the merchant row first makes concurrent writers for this merchant wait, then fail
    // once it is gone, instead of slipping rows in.
    if (!(await lockMerchantRow(m))) return { tablesPurged: 0, rowsDeleted: 0, rowsByTable: {} };
    await allowPurgeOfAppendOnlyRows(m);
    const rowsByTable: Record<string, number> = {};
    for (const table of merchantTablesInPurgeOrder) {
      rowsByTable[getTableName(table)] = await deleteMerchantRows(m, table);
    }
    // Any table missed above goes with the merchant row (merchant_id cascades); none should be.
    rowsByTable[getTableName(merchants)] = await deleteMerchantRow(m);
    const counts = Object.values(rowsByTable);
    return {
      tablesPurged: counts.filter((n) => n > 0).length,
      rowsDeleted: counts.reduce((sum, n) => sum + n, 0),
      rowsByTable,
    };
  });
}
