import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { forMerchant, type MerchantScope } from '../db/merchant-scope.js';
import { DomainError } from '../errors.js';
import {
  findAccountIds,
  insertAccounts,
  insertTransactionWithEntries,
  listUnbalancedTransactions,
  sumAccountEntries,
} from './repository.js';

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
  const m = forMerchant(db, input.merchantId);
  const accountIds = await ensureAccounts(m, lines);
  const entries = sql.join(
    lines.map(
      (l) =>
        sql`(${accountIds.get(`${l.account}|${l.currency}`)!}::uuid, ${l.amountMinor}::bigint, ${l.currency})`,
    ),
    sql`, `,
  );
  return insertTransactionWithEntries(
    m,
    {
      idempotencyKey: input.idempotencyKey,
      description: input.description,
      rewardId: input.rewardId ?? null,
    },
    entries,
  );
}

/** Account ids by `key|currency`; creates the missing accounts (rows are never changed after). */
async function ensureAccounts(m: MerchantScope, lines: LedgerLine[]) {
  const wanted = [...new Map(lines.map((l) => [`${l.account}|${l.currency}`, l])).values()];
  const keys = wanted.map((l) => l.account);
  const found = await findAccountIds(m, keys);
  const missing = wanted.filter((l) => !found.has(`${l.account}|${l.currency}`));
  if (missing.length === 0) return found;
  await insertAccounts(
    m,
    missing.map((l) => ({ key: l.account, currency: l.currency })),
  );
  return findAccountIds(m, keys);
}

/** Balance of one account (debit positive). Balances are derived, never stored. */
export async function accountBalance(
  db: Database,
  merchantId: string,
  account: string,
  currency: string,
): Promise<number> {
  return sumAccountEntries(forMerchant(db, merchantId), { key: account, currency });
}

/** Every transaction's per-currency sum; a healthy ledger returns an empty list. */
export async function findUnbalancedTransactions(db: Database, merchantId: string) {
  return listUnbalancedTransactions(forMerchant(db, merchantId));
}
