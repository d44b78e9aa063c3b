// The double-entry, append-only ledger.
import { bigserial, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, merchantId, minor } from './columns.js';

export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: id(),
    merchantId: merchantId(),
    /** e.g. `expense:referrals`, `held:<advocateId>`, `receivable:<advocateId>`. */
    key: text('key').notNull(),
    currency: text('currency').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('ledger_accounts_key_uq').on(t.merchantId, t.key, t.currency)],
);

/** Append-only (a trigger refuses UPDATE/DELETE); the idempotency key makes a replay write nothing. */
export const ledgerTransactions = pgTable(
  'ledger_transactions',
  {
    id: id(),
    merchantId: merchantId(),
    idempotencyKey: text('idempotency_key').notNull(),
    description: text('description').notNull(),
    rewardId: uuid('reward_id'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('ledger_transactions_idempotency_uq').on(t.merchantId, t.idempotencyKey)],
);

/** Signed amounts: debit positive, credit negative; each transaction sums to zero per currency. */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    merchantId: merchantId(),
    transactionId: uuid('transaction_id')
      .notNull()
      .references(() => ledgerTransactions.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => ledgerAccounts.id),
    amountMinor: minor('amount_minor').notNull(),
    currency: text('currency').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('ledger_entries_account_idx').on(t.accountId),
    index('ledger_entries_transaction_idx').on(t.transactionId),
  ],
);
