// The merchant-scoped handle: every tenant read and write goes through one, built once per request
// or job. Its transactions run as the role `referrals_app` with `app.merchant_id` set, so
// PostgreSQL's row-level security (migration 0006) shows and accepts only that merchant's rows even
// where a query forgets the merchant. The filters it builds keep the planner on the
// (merchant_id, …) indexes and make the intent explicit.
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTransactionConfig } from 'drizzle-orm/pg-core';
import { DomainError } from '../errors.js';
import type { Database } from './client.js';
import { merchants } from './schema/index.js';

/** The role tenant transactions run as: it owns no table and cannot bypass row-level security. */
export const TENANT_ROLE = 'referrals_app';

type TenantTable = { merchantId: PgColumn };
type TenantRow = { merchantId: PgColumn; id: PgColumn };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type MerchantScope = {
  readonly merchantId: string;
  /** Where this scope's statements go: a confined transaction inside `transaction`. */
  readonly db: Database;
  /**
   * Runs `fn` in a transaction (a savepoint inside one) that PostgreSQL confines to this merchant,
   * with a scope whose `db` is that transaction: use it for every statement.
   */
  transaction<T>(fn: (scope: MerchantScope) => Promise<T>, config?: PgTransactionConfig): Promise<T>;
  /** `merchant_id = this merchant`, and every condition given. */
  where(table: TenantTable, ...conditions: (SQL | undefined)[]): SQL;
  /** `merchant_id = this merchant AND id = ?`: even lookups by primary key stay inside the merchant. */
  byId(table: TenantRow, id: string): SQL;
  /** Joins a row of `table` to `column` (a foreign key) within this merchant. */
  joinOn(table: TenantRow, column: PgColumn): SQL;
  /** `merchants.id = this merchant`: the shop's own row (the one table keyed by id, not merchant_id). */
  readonly merchantRow: SQL;
};

/**
 * `a = b` on two merchant_id columns, for the few deliberately cross-merchant reads (sweeps, the
 * outbox relay) that join tables without one merchant in hand: a row never meets another shop's.
 */
export const sameMerchant = (a: PgColumn, b: PgColumn): SQL => eq(a, b);

/** Confines the current transaction to one merchant: role and merchant are reset at its end. */
export async function confineToMerchant(tx: Database, merchantId: string): Promise<void> {
  await tx.execute(
    sql`select set_config('role', ${TENANT_ROLE}, true), set_config('app.merchant_id', ${merchantId}, true)`,
  );
}

export function forMerchant(db: Database, merchantId: string): MerchantScope {
  if (!UUID.test(merchantId)) throw new DomainError('NOT_FOUND', `Unknown merchant ${merchantId}.`);
  const mine = (table: TenantTable) => eq(table.merchantId, merchantId);
  return {
    merchantId,
    db,
    transaction: (fn, config) =>
      db.transaction(async (tx) => {
        await confineToMerchant(tx, merchantId);
        return fn(forMerchant(tx, merchantId));
      }, config),
    where: (table, ...conditions) => and(mine(table), ...conditions)!,
    byId: (table, id) => and(mine(table), eq(table.id, id))!,
    joinOn: (table, column) => and(mine(table), eq(table.id, column))!,
    merchantRow: eq(merchants.id, merchantId),
  };
}
