// The ledger accounts a person owns, with every entry and the balance derived from them.
import type { MerchantScope } from '../db/merchant-scope.js';
import { type LedgerAccountExport, plain } from './export-format.js';
import { ledgerOwnerKeys, type PrivacySubject } from './find-subject.js';
import { findLedgerAccountsByKeys, findLedgerEntriesOf } from './repository/export.js';

export async function ledgerOf(m: MerchantScope, subject: PrivacySubject): Promise<LedgerAccountExport[]> {
  const accounts = await findLedgerAccountsByKeys(m, ledgerOwnerKeys(subject));
  const entries = await findLedgerEntriesOf(
    m,
    accounts.map((a) => a.id),
  );
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
