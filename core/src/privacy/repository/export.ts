// The reads a data export adds to the subject: rows of other capabilities that mention the
// person. None of these tables is privacy's; each query names the owner.
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { MerchantScope } from '../../db/merchant-scope.js';
import {
  attributionDecisions,
  clicks,
  friendOffers,
  invitations,
  ledgerAccounts,
  ledgerEntries,
  ledgerTransactions,
  orderRefunds,
  rewardClawbacks,
  rewards,
} from '../../db/schema/index.js';
import type { SubjectKeys } from './subject.js';

/** Owner: clicks. Clicks on these advocates' links, oldest first. */
export function findClicksOnLinksOf(m: MerchantScope, advocateIds: readonly string[]) {
  return m.db
    .select()
    .from(clicks)
    .where(m.where(clicks, inArray(clicks.advocateId, advocateIds)))
    .orderBy(asc(clicks.id));
}

/** Owner: clicks. Clicks made from these browsers, oldest first. */
export function findClicksFromVisitors(m: MerchantScope, visitorIds: readonly string[]) {
  return m.db
    .select()
    .from(clicks)
    .where(m.where(clicks, inArray(clicks.visitorId, visitorIds)))
    .orderBy(asc(clicks.id));
}

/** Owner: advocates. Invitations these advocates sent. */
export function findInvitationsSentBy(m: MerchantScope, advocateIds: readonly string[]) {
  return m.db
    .select()
    .from(invitations)
    .where(m.where(invitations, inArray(invitations.advocateId, advocateIds)));
}

/** Owner: advocates. Invitations sent to these (normalised) addresses. */
export function findInvitationsTo(m: MerchantScope, emailsNormalized: readonly string[]) {
  return m.db
    .select()
    .from(invitations)
    .where(m.where(invitations, inArray(invitations.emailNormalized, emailsNormalized)));
}

/** Owner: friend-offers. Welcome offers claimed under the person's address or from their browser. */
export function findFriendOffersOf(m: MerchantScope, who: SubjectKeys) {
  return m.db
    .select()
    .from(friendOffers)
    .where(
      m.where(
        friendOffers,
        or(
          inArray(friendOffers.friendEmailNormalized, who.emailsNormalized),
          inArray(friendOffers.visitorId, who.visitorIds),
        ),
      ),
    );
}

/** Owner: orders. Refunds of these orders (by the platform's order id). */
export function findRefundsOfOrders(m: MerchantScope, platformOrderIds: readonly string[]) {
  return m.db
    .select()
    .from(orderRefunds)
    .where(m.where(orderRefunds, inArray(orderRefunds.platformOrderId, platformOrderIds)));
}

/** Owner: attribution. The decisions taken on these orders. */
export function findDecisionsOnOrders(m: MerchantScope, orderIds: readonly string[]) {
  return m.db
    .select()
    .from(attributionDecisions)
    .where(m.where(attributionDecisions, inArray(attributionDecisions.orderId, orderIds)));
}

/** Owner: rewards. Rewards the person earned as an advocate or received as a friend. */
export function findRewardsOf(m: MerchantScope, who: SubjectKeys) {
  return m.db
    .select()
    .from(rewards)
    .where(
      m.where(
        rewards,
        or(
          and(eq(rewards.recipient, 'advocate'), inArray(rewards.advocateId, who.advocateIds)),
          and(eq(rewards.recipient, 'friend'), inArray(rewards.recipientCustomerId, who.customerIds)),
        ),
      ),
    );
}

/** Owner: rewards. The claw-backs of these rewards. */
export function findClawbacksOf(m: MerchantScope, rewardIds: readonly string[]) {
  return m.db
    .select()
    .from(rewardClawbacks)
    .where(m.where(rewardClawbacks, inArray(rewardClawbacks.rewardId, rewardIds)));
}

/** Owner: ledger. The accounts with these keys, in key and currency order. */
export function findLedgerAccountsByKeys(m: MerchantScope, keys: readonly string[]) {
  return m.db
    .select()
    .from(ledgerAccounts)
    .where(m.where(ledgerAccounts, inArray(ledgerAccounts.key, keys)))
    .orderBy(asc(ledgerAccounts.key), asc(ledgerAccounts.currency));
}

/** Owner: ledger. Every entry of these accounts with its transaction's description, in id order. */
export function findLedgerEntriesOf(m: MerchantScope, accountIds: readonly string[]) {
  return m.db
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
    .innerJoin(ledgerTransactions, m.joinOn(ledgerTransactions, ledgerEntries.transactionId))
    .where(m.where(ledgerEntries, inArray(ledgerEntries.accountId, accountIds)))
    .orderBy(asc(ledgerEntries.id));
}
