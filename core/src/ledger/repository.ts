// Queries on the ledger tables (ledger_accounts, ledger_transactions, ledger_entries), each inside
// one merchant. The ledger is append-only: nothing here updates or deletes a row.
import { eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { MerchantScope } from '../db/merchant-scope.js';
import { ledgerAccounts, ledgerEntries, ledgerTransactions } from '../db/schema/index.js';

export type LedgerAccountRef = { key: string; currency: string };

/** The merchant's accounts among `keys`, by `key|currency`. */
export async function findAccountIds(m: MerchantScope, keys: string[]): Promise<Map<string, string>> {
  const rows = await m.db
    .select({ id: ledgerAccounts.id, key: ledgerAccounts.key, currency: ledgerAccounts.currency })
    .from(ledgerAccounts)
    .where(m.where(ledgerAccounts, inArray(ledgerAccounts.key, keys)));
  return new Map(rows.map((r) => [`${r.key}|${r.currency}`, r.id]));
}

/** Creates accounts; one that a parallel posting created first is left as it is. */
export async function insertAccounts(m: MerchantScope, accounts: LedgerAccountRef[]): Promise<void> {
  await m.db
    .insert(ledgerAccounts)
    .values(accounts.map((a) => ({ merchantId: m.merchantId, key: a.key, currency: a.currency })))
    .onConflictDoNothing();
}

/**
 * Inserts the transaction row and its entries (`(account_id, amount_minor, currency)` tuples) in
 * one round trip: the entries are written only if the transaction row was (a replayed idempotency
 * key inserts no transaction, hence no entries). True when it wrote.
 */
export async function insertTransactionWithEntries(
  m: MerchantScope,
  transaction: { idempotencyKey: string; description: string; rewardId: string | null },
  entries: SQL,
): Promise<boolean> {
  const result = await m.db.execute(sql`
    WITH t AS (
      INSERT INTO ${ledgerTransactions} (merchant_id, idempotency_key, description, reward_id)
      VALUES (${m.merchantId}, ${transaction.idempotencyKey}, ${transaction.description}, ${transaction.rewardId})
      ON CONFLICT DO NOTHING
      RETURNING id
    )
    INSERT INTO ${ledgerEntries} (merchant_id, transaction_id, account_id, amount_minor, currency)
    SELECT ${m.merchantId}, t.id, v.account_id, v.amount_minor, v.currency
    FROM t, (VALUES ${entries}) AS v(account_id, amount_minor, currency)
    RETURNING transaction_id`);
  return (result.rows ?? []).length > 0;
}

/** The sum of one account's entries (debit positive). */
export async function sumAccountEntries(m: MerchantScope, account: LedgerAccountRef): Promise<number> {
  const [row] = await m.db
    .select({ sum: sql<string>`coalesce(sum(${ledgerEntries.amountMinor}), 0)` })
    .from(ledgerEntries)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
    .where(
      m.where(
        ledgerAccounts,
        eq(ledgerAccounts.key, account.key),
        eq(ledgerAccounts.currency, account.currency),
      ),
    );
  return Number(row?.sum ?? 0);
}

/** Transactions whose entries do not sum to zero in some currency. */
export async function listUnbalancedTransactions(m: MerchantScope) {
  return m.db
    .select({ transactionId: ledgerEntries.transactionId, currency: ledgerEntries.currency })
    .from(ledgerEntries)
    .where(m.where(ledgerEntries))
    .groupBy(ledgerEntries.transactionId, ledgerEntries.currency)
    .having(sql`sum(${ledgerEntries.amountMinor}) <> 0`);
}
