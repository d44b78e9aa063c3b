import { eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { ledgerEntries, merchants } from '../db/schema/index.js';
import { dbTest as test } from '../testing/fixtures.js';
import { buildMerchant } from '../testing/index.js';
import { accountBalance, postTransaction } from './index.js';

test('the ledger refuses edits and unbalanced transactions, and a replayed key writes nothing', async ({
  engine,
}) => {
  const merchant = await buildMerchant(engine.db);
  const lines = [
    { account: 'expense:referrals', currency: 'EUR', amountMinor: 500 },
    { account: 'held:a', currency: 'EUR', amountMinor: -500 },
  ];
  expect(
    await postTransaction(engine.db, {
      merchantId: merchant.id,
      idempotencyKey: 'k1',
      description: 'grant',
      lines,
    }),
  ).toBe(true);
  expect(
    await postTransaction(engine.db, {
      merchantId: merchant.id,
      idempotencyKey: 'k1',
      description: 'grant',
      lines,
    }),
  ).toBe(false);
  expect(await accountBalance(engine.db, merchant.id, 'held:a', 'EUR')).toBe(-500);
  await expect(
    postTransaction(engine.db, {
      merchantId: merchant.id,
      idempotencyKey: 'k2',
      description: 'bad',
      lines: [lines[0]!],
    }),
  ).rejects.toMatchObject({ code: 'UNBALANCED_TRANSACTION' });
  await expect(
    engine.db.update(ledgerEntries).set({ amountMinor: 1 }).where(eq(ledgerEntries.merchantId, merchant.id)),
  ).rejects.toThrow();
  await expect(
    engine.db.delete(ledgerEntries).where(eq(ledgerEntries.merchantId, merchant.id)),
  ).rejects.toThrow();
  // The one sanctioned purge: a whole merchant, flagged for the transaction.
  await engine.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT set_config('referrals.purging_merchant', ${merchant.id}, true)`);
    await tx.delete(merchants).where(eq(merchants.id, merchant.id));
  });
  expect(
    await engine.db.select().from(ledgerEntries).where(eq(ledgerEntries.merchantId, merchant.id)),
  ).toEqual([]);
});
