// The ledger accounts a person owns, with every entry and the balance derived from them.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { ledgerAccounts, ledgerEntries, ledgerTransactions } from '../db/schema/index.js';
import { type LedgerAccountExport, plain } from './export-format.js';
import { ledgerOwnerKeys, type PrivacySubject } from './find-subject.js';

export async function ledgerOf(db: Database, subject: PrivacySubject): Promise<LedgerAccountExport[]> {
  const m = subject.merchantId;
  const accounts = await db
    .select()
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.merchantId, m), inArray(ledgerAccounts.key, ledgerOwnerKeys(subject))))
    .orderBy(asc(ledgerAccounts.key), asc(ledgerAccounts.currency));
  const entries = await db
    .select({
      id: ledgerEntries.id,
      accountId: ledgerEntries.accountId,
      transactionId: ledgerEntries.transactionId,
      amountMinor: ledgerEntries.amountMinor,
      currency: ledgerEntries.currency,
      createdAt: ledgerEntries.createdAt,
      description: ledgerTransactions.description,
      rewardId: ledgerTransactions.rewardId,
    })
    .from(ledgerEntries)
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
    .where(
      and(
        eq(ledgerEntries.merchantId, m),
        eq(ledgerTransactions.merchantId, m),
        inArray(
          ledgerEntries.accountId,
          accounts.map((a) => a.id),
        ),
      ),
    )
    .orderBy(asc(ledgerEntries.id));
  return accounts.map((account) => {
    const own = entries.filter((e) => e.accountId === account.id);
    return {
      key: account.key,
      currency: account.currency,
      // Derived, as everywhere: the sum of the account's entries (debit positive).
      balanceMinor: own.reduce((sum, e) => sum + e.amountMinor, 0),
      entries: own.map(({ accountId, ...entry }) => plain(entry)),
    };
  });
}
