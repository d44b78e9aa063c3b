// Outbox changes -> the contacts whose CRM facts they change, queued for the next flush. Queued
// whether or not a CRM is connected: nothing is lost before a connection or while it is parked.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { advocates, orders, referrals, rewards } from '../db/schema/index.js';
import type { OutboxTopic } from '../outbox/index.js';
import type { CrmChange } from '../ports.js';
import type { CrmPlatform } from './properties.js';
import { isUuid, queueContacts } from './queue.js';

export type MarkContactsChangedInput = { platform: CrmPlatform; changes: CrmChange[]; at: Date };

type Subject = 'advocate' | 'referral' | 'reward';

/** What each topic's aggregate id names. Topics not listed change no contact and are ignored. */
const subjectOf: Partial<Record<OutboxTopic, Subject>> = {
  'advocate.enrolled': 'advocate',
  'referral.created': 'referral',
  'referral.status_changed': 'referral',
  'reward.held': 'reward',
  'reward.released': 'reward',
  'reward.issued': 'reward',
  'reward.voided': 'reward',
  'reward.clawback_requested': 'reward',
  'reward.clawed_back': 'reward',
};

/** Queues the changed contacts; returns how many queue rows were written and how many changes were ignored. */
export async function markContactsChanged(
  db: Database,
  input: MarkContactsChangedInput,
): Promise<{ queued: number; ignored: number }> {
  const byMerchant = new Map<string, Record<Subject, Set<string>>>();
  let ignored = 0;
  for (const change of input.changes) {
    const subject = subjectOf[change.topic as OutboxTopic];
    if (!subject || !isUuid(change.aggregateId) || !isUuid(change.merchantId)) {
      ignored += 1;
      continue;
    }
    const ids = byMerchant.get(change.merchantId) ?? {
      advocate: new Set<string>(),
      referral: new Set<string>(),
      reward: new Set<string>(),
    };
    ids[subject].add(change.aggregateId);
    byMerchant.set(change.merchantId, ids);
  }
  let queued = 0;
  for (const [merchantId, ids] of byMerchant) {
    const customerIds = await resolveCustomers(db, merchantId, ids);
    queued += await queueContacts(db, { merchantId, platform: input.platform, customerIds, at: input.at });
  }
  return { queued, ignored };
}

/**
 * A reward changes its recipient and its referral's two sides; a referral changes its advocate and
 * its friend (the order's customer when the referral recorded none); an advocate changes itself.
 */
async function resolveCustomers(db: Database, m: string, ids: Record<Subject, Set<string>>) {
  const customers = new Set<string>();
  if (ids.reward.size > 0) {
    const rows = await db
      .select({
        recipient: rewards.recipientCustomerId,
        referralId: rewards.referralId,
        advocateId: rewards.advocateId,
      })
      .from(rewards)
      .where(and(eq(rewards.merchantId, m), inArray(rewards.id, [...ids.reward])));
    for (const row of rows) {
      if (row.recipient) customers.add(row.recipient);
      if (row.referralId) ids.referral.add(row.referralId);
      if (row.advocateId) ids.advocate.add(row.advocateId);
    }
  }
  if (ids.referral.size > 0) {
    const rows = await db
      .select({
        advocateId: referrals.advocateId,
        friend: sql<string | null>`coalesce(${referrals.friendCustomerId}, ${orders.customerId})`,
      })
      .from(referrals)
      .leftJoin(orders, and(eq(orders.id, referrals.orderId), eq(orders.merchantId, m)))
      .where(and(eq(referrals.merchantId, m), inArray(referrals.id, [...ids.referral])));
    for (const row of rows) {
      if (row.friend) customers.add(row.friend);
      ids.advocate.add(row.advocateId);
    }
  }
  if (ids.advocate.size > 0) {
    const rows = await db
      .select({ customerId: advocates.customerId })
      .from(advocates)
      .where(and(eq(advocates.merchantId, m), inArray(advocates.id, [...ids.advocate])));
    for (const row of rows) customers.add(row.customerId);
  }
  return customers;
}
