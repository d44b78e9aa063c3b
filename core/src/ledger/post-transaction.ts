import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { ledgerAccounts, ledgerEntries, ledgerTransactions } from '../db/schema/index.js';
import { DomainError } from '../errors.js';

export type LedgerLine = { account: string; currency: string; amountMinor: number };

export type PostTransactionInput = {
  merchantId: string;
  /** One per business event: a replay of the same event writes nothing. */
  idempotencyKey: string;
  description: string;
  rewardId?: string | null;
  lines: LedgerLine[];
};

/** Pure check: every currency's lines sum to zero and amounts are integers. */
export function assertBalanced(lines: LedgerLine[]): void {
  const sums = new Map<string, number>();
  for (const line of lines) {
    if (!Number.isSafeInteger(line.amountMinor)) {
      throw new DomainError('UNBALANCED_TRANSACTION', `Amount ${line.amountMinor} is not an integer.`);
    }
    sums.set(line.currency, (sums.get(line.currency) ?? 0) + line.amountMinor);
  }
  for (const [currency, sum] of sums) {
    if (sum !== 0) {
      throw new DomainError('UNBALANCED_TRANSACTION', `Lines in ${currency} sum to ${sum}, not 0.`);
    }
  }
}

/**
 * Appends one balanced transaction. Returns false when the idempotency key was already used
 * (the unique key decides, so concurrent replays also write once).
 */
export async function postTransaction(db: Database, input: PostTransactionInput): Promise<boolean> {
  const lines = input.lines.filter((l) => l.amountMinor !== 0);
  assertBalanced(lines);
  if (lines.length === 0) return false;
  const accountIds = await ensureAccounts(db, input.merchantId, lines);
  const entries = sql.join(
    lines.map(
      (l) =>
        sql`(${accountIds.get(`${l.account}|${l.currency}`)!}::uuid, ${l.amountMinor}::bigint, ${l.currency})`,
    ),
    sql`, `,
  );
  // One round trip: the entries are written only if the transaction row was (a replayed
  // idempotency key inserts no transaction, hence no entries).
  const result = await db.execute(sql`
    WITH t AS (
      INSERT INTO ${ledgerTransactions} (merchant_id, idempotency_key, description, reward_id)
      VALUES (${input.merchantId}, ${input.idempotencyKey}, ${input.description}, ${input.rewardId ?? null})
      ON CONFLICT DO NOTHING
      RETURNING id
    )
    INSERT INTO ${ledgerEntries} (merchant_id, transaction_id, account_id, amount_minor, currency)
    SELECT ${input.merchantId}, t.id, v.account_id, v.amount_minor, v.currency
    FROM t, (VALUES ${entries}) AS v(account_id, amount_minor, currency)
    RETURNING transaction_id`);
  return (result.rows ?? []).length > 0;
}

/** Account ids by `key|currency`; creates the missing accounts (rows are never changed after). */
async function ensureAccounts(db: Database, merchantId: string, lines: LedgerLine[]) {
  const wanted = [...new Map(lines.map((l) => [`${l.account}|${l.currency}`, l])).values()];
  const read = async () => {
    const rows = await db
      .select({ id: ledgerAccounts.id, key: ledgerAccounts.key, currency: ledgerAccounts.currency })
      .from(ledgerAccounts)
      .where(
        and(
          eq(ledgerAccounts.merchantId, merchantId),
          inArray(
            ledgerAccounts.key,
            wanted.map((l) => l.account),
          ),
        ),
      );
    return new Map(rows.map((r) => [`${r.key}|${r.currency}`, r.id]));
  };
  const found = await read();
  const missing = wanted.filter((l) => !found.has(`${l.account}|${l.currency}`));
  if (missing.length === 0) return found;
  await db
    .insert(ledgerAccounts)
    .values(missing.map((l) => ({ merchantId, key: l.account, currency: l.currency })))
    .onConflictDoNothing();
  return read();
}

/** Balance of one account (debit positive). Balances are derived, never stored. */
export async function accountBalance(
  db: Database,
  merchantId: string,
  account: string,
  currency: string,
): Promise<number> {
  const [row] = await db
    .select({ sum: sql<string>`coalesce(sum(${ledgerEntries.amountMinor}), 0)` })
    .from(ledgerEntries)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
    .where(
      and(
        eq(ledgerAccounts.merchantId, merchantId),
        eq(ledgerAccounts.key, account),
        eq(ledgerAccounts.currency, currency),
      ),
    );
  return Number(row?.sum ?? 0);
}

/** Every transaction's per-currency sum; a healthy ledger returns an empty list. */
export async function findUnbalancedTransactions(db: Database, merchantId: string) {
  return db
    .select({ transactionId: ledgerEntries.transactionId, currency: ledgerEntries.currency })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.merchantId, merchantId))
    .groupBy(ledgerEntries.transactionId, ledgerEntries.currency)
    .having(sql`sum(${ledgerEntries.amountMinor}) <> 0`);
}
