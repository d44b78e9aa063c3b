// Row inspection for tests and benchmarks outside core: they assert on stored rows without
// importing core's tables or drizzle-orm. Tables are named as in SQL ('rewards', 'inbound_events').
// `rowsOf` stays inside one merchant; `allRowsOf` reads across merchants and is meant for checks
// such as "nothing was written at all".
import { and, eq, getTableColumns, getTableName, is, isNull, like, type SQL, sql } from 'drizzle-orm';
import { type PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import * as schema from '../db/schema/index.js';

type Schema = typeof schema;
type TableKey = { [K in keyof Schema]: Schema[K] extends PgTable ? K : never }[keyof Schema];
type TablesByName = { [K in TableKey as Schema[K]['_']['name']]: Schema[K] };

/** A table's SQL name, e.g. 'rewards', 'inbound_events', 'reward_clawbacks'. */
export type TableName = keyof TablesByName;
/** A stored row of the table, as Drizzle reads it. */
export type RowOf<N extends TableName> = TablesByName[N]['$inferSelect'];
/** Tables whose rows belong to one merchant: a merchant_id column, or the merchants table itself. */
export type MerchantTableName = {
  [N in TableName]: N extends 'merchants' ? N : 'merchantId' extends keyof RowOf<N> ? N : never;
}[TableName];
/** Column equalities (camelCase, as on the row); `null` means IS NULL. */
export type RowFilter<N extends TableName> = { [C in keyof RowOf<N>]?: RowOf<N>[C] | null };

const tables = new Map<string, PgTable>(
  (Object.values(schema) as unknown[])
    .filter((value): value is PgTable => is(value, PgTable))
    .map((table) => [getTableName(table), table]),
);

function tableNamed(name: string): { table: PgTable; columns: Record<string, PgColumn> } {
  const table = tables.get(name);
  if (!table) throw new Error(`No table ${name}`);
  return { table, columns: getTableColumns(table) as Record<string, PgColumn> };
}

function columnOf(name: string, columns: Record<string, PgColumn>, column: string): PgColumn {
  const found = columns[column];
  if (!found) throw new Error(`Table ${name} has no column ${column}`);
  return found;
}

function filters(name: string, columns: Record<string, PgColumn>, where: object): SQL[] {
  return Object.entries(where).map(([column, value]) => {
    // A filter that silently dropped out would widen the check: refuse it instead.
    if (value === undefined) throw new Error(`${name}.${column}: filter value is undefined`);
    return value === null
      ? isNull(columnOf(name, columns, column))
      : eq(columnOf(name, columns, column), value);
  });
}

function merchantFilter(name: string, columns: Record<string, PgColumn>, merchantId: string): SQL {
  return eq(columnOf(name, columns, name === 'merchants' ? 'id' : 'merchantId'), merchantId);
}

/** The merchant's rows of one table (for 'merchants', its own row), filtered by `where`; unordered. */
export async function rowsOf<N extends MerchantTableName>(
  db: Database,
  name: N,
  merchantId: string,
  where: RowFilter<N> = {},
): Promise<RowOf<N>[]> {
  const { table, columns } = tableNamed(name);
  const rows = await db
    .select()
    .from(table)
    .where(and(merchantFilter(name, columns, merchantId), ...filters(name, columns, where)));
  return rows as RowOf<N>[];
}

/** Rows of one table across every merchant, filtered by `where`; unordered. */
export async function allRowsOf<N extends TableName>(
  db: Database,
  name: N,
  where: RowFilter<N> = {},
): Promise<RowOf<N>[]> {
  const { table, columns } = tableNamed(name);
  const rows = await db
    .select()
    .from(table)
    .where(and(...filters(name, columns, where)));
  return rows as RowOf<N>[];
}

/** Overwrites columns of the merchant's rows that match `where` (to stage a crash or a race). */
export async function updateRowsOf<N extends MerchantTableName>(
  db: Database,
  name: N,
  merchantId: string,
  where: RowFilter<N>,
  set: Partial<RowOf<N>>,
): Promise<void> {
  const { table, columns } = tableNamed(name);
  await db
    .update(table)
    .set(set as Record<string, unknown>)
    .where(and(merchantFilter(name, columns, merchantId), ...filters(name, columns, where)));
}

/** The merchant's ledger transactions whose idempotency key ends with `suffix` (e.g. ':issue'). */
export async function ledgerTransactionsWithKeySuffix(
  db: Database,
  merchantId: string,
  suffix: string,
): Promise<RowOf<'ledger_transactions'>[]> {
  const { ledgerTransactions } = schema;
  return db
    .select()
    .from(ledgerTransactions)
    .where(
      forMerchant(db, merchantId).where(
        ledgerTransactions,
        like(ledgerTransactions.idempotencyKey, `%${suffix}`),
      ),
    );
}

/** The merchant's referrals as (advocate, platform order id) pairs. */
export async function referralsWithOrderIds(db: Database, merchantId: string) {
  const { orders, referrals } = schema;
  return db
    .select({ advocateId: referrals.advocateId, orderId: orders.platformOrderId })
    .from(referrals)
    .innerJoin(orders, eq(orders.id, referrals.orderId))
    .where(forMerchant(db, merchantId).where(referrals));
}

/** Each of the merchant's rows in these tables as JSON text (row_to_json), table by table. */
export async function merchantRowsAsJson(
  db: Database,
  merchantId: string,
  names: readonly Exclude<MerchantTableName, 'merchants'>[],
): Promise<string[]> {
  const selects = names.map((name) => {
    tableNamed(name); // an unknown name fails here, not as SQL
    return sql`SELECT row_to_json(t)::text AS j FROM (SELECT * FROM ${sql.identifier(name)} WHERE merchant_id = ${merchantId}) t`;
  });
  const result = await db.execute(sql.join(selects, sql` UNION ALL `));
  return (result.rows as { j: string }[]).map((row) => row.j);
}
