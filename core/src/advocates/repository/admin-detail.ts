// The admin's reads on one advocate: who they are, their newest referrals and rewards, and their
// ledger balances; and the one write the detail page makes, suspending or reactivating them.
import { desc, eq, inArray, sql } from 'drizzle-orm';
import type { MerchantScope } from '../../db/merchant-scope.js';
import {
  advocates,
  customers,
  ledgerAccounts,
  ledgerEntries,
  orders,
  programs,
  referrals,
  rewards,
} from '../../db/schema/index.js';
import { accountKeys } from '../../ledger/index.js';

/** The advocate with the customer (customers/) and programme (programs/) they belong to. */
export async function findAdminAdvocate(m: MerchantScope, advocateId: string) {
  const [row] = await m.db
    .select({
      id: advocates.id,
      status: advocates.status,
      consentAt: advocates.consentAt,
      createdAt: advocates.createdAt,
      programId: advocates.programId,
      programName: programs.name,
      email: customers.email,
      firstName: customers.firstName,
      redactedAt: customers.redactedAt,
    })
    .from(advocates)
    .innerJoin(customers, m.joinOn(customers, advocates.customerId))
    .innerJoin(programs, m.joinOn(programs, advocates.programId))
    .where(m.byId(advocates, advocateId));
  return row ?? null;
}

/** The advocate's newest referrals with the friend (customers/) and the order (orders/). */
export function listAdminAdvocateReferrals(m: MerchantScope, advocateId: string, limit: number) {
  return m.db
    .select({
      id: referrals.id,
      status: referrals.status,
      source: referrals.source,
      createdAt: referrals.createdAt,
      friendEmail: customers.email,
      friendEmailNormalized: referrals.friendEmailNormalized,
      friendFirstName: customers.firstName,
      orderName: orders.platformOrderId,
      orderTotalMinor: orders.totalMinor,
      orderRefundedMinor: orders.refundedMinor,
      orderCurrency: orders.currency,
    })
    .from(referrals)
    .innerJoin(orders, m.joinOn(orders, referrals.orderId))
    .leftJoin(customers, m.joinOn(customers, referrals.friendCustomerId))
    .where(m.where(referrals, eq(referrals.advocateId, advocateId)))
    .orderBy(desc(referrals.createdAt), desc(referrals.id))
    .limit(limit);
}

/** The advocate's own newest rewards of every status, at their live amount. */
export function listAdminAdvocateRewards(m: MerchantScope, advocateId: string, limit: number) {
  return m.db
    .select({
      id: rewards.id,
      kind: rewards.kind,
      status: rewards.status,
      amountMinor: sql<number>`${rewards.amountMinor} - ${rewards.reversedMinor}`.mapWith(Number),
      grantedMinor: rewards.amountMinor,
      currency: rewards.currency,
      bps: rewards.bps,
      holdUntil: rewards.holdUntil,
      issuedAt: rewards.issuedAt,
      createdAt: rewards.createdAt,
    })
    .from(rewards)
    .where(m.where(rewards, eq(rewards.advocateId, advocateId), eq(rewards.recipient, 'advocate')))
    .orderBy(desc(rewards.createdAt), desc(rewards.id))
    .limit(limit);
}

/** Sums of the advocate's ledger accounts (held, payable, issued, receivable) per currency. */
export function sumAdvocateLedger(m: MerchantScope, advocateId: string) {
  const keys = [
    accountKeys.held(advocateId),
    accountKeys.payable(advocateId),
    accountKeys.issued(advocateId),
    accountKeys.receivable(advocateId),
  ];
  return m.db
    .select({
      key: ledgerAccounts.key,
      currency: ledgerAccounts.currency,
      sumMinor: sql<number>`coalesce(sum(${ledgerEntries.amountMinor}), 0)`.mapWith(Number),
    })
    .from(ledgerAccounts)
    .innerJoin(ledgerEntries, m.joinOn(ledgerAccounts, ledgerEntries.accountId))
    .where(m.where(ledgerAccounts, inArray(ledgerAccounts.key, keys)))
    .groupBy(ledgerAccounts.key, ledgerAccounts.currency)
    .orderBy(ledgerAccounts.currency);
}

/** Sets the advocate's status; null when the advocate is not this merchant's. */
export async function updateAdvocateStatus(
  m: MerchantScope,
  advocateId: string,
  status: 'active' | 'suspended',
): Promise<{ id: string; before: 'active' | 'suspended' } | null> {
  const [before] = await m.db
    .select({ status: advocates.status })
    .from(advocates)
    .where(m.byId(advocates, advocateId))
    .for('no key update');
  if (!before) return null;
  await m.db.update(advocates).set({ status }).where(m.byId(advocates, advocateId));
  return { id: advocateId, before: before.status };
}
