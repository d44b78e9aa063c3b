// Outbox changes -> the contacts whose CRM facts they change, queued for the next flush. Queued
// whether or not a CRM is connected: nothing is lost before a connection or while it is parked.
import type { Database } from '../db/client.js';
import { forMerchant, type MerchantScope } from '../db/merchant-scope.js';
import type { OutboxTopic } from '../outbox/index.js';
import type { CrmChange } from '../ports.js';
import type { CrmPlatform } from './properties.js';
import { isUuid } from './queue.js';
import { findAdvocateCustomers, findReferralParties, findRewardParties } from './repository/contacts.js';
import { upsertQueuedContacts } from './repository/queue.js';

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
    queued += await forMerchant(db, merchantId).transaction(async (m) => {
      const customerIds = await resolveCustomers(m, ids);
      return upsertQueuedContacts(m, { platform: input.platform, customerIds, at: input.at });
    });
  }
  return { queued, ignored };
}

/**
 * A reward changes its recipient and its referral's two sides; a referral changes its advocate and
 * its friend (the order's customer when the referral recorded none); an advocate changes itself.
 */
async function resolveCustomers(m: MerchantScope, ids: Record<Subject, Set<string>>) {
  const customers = new Set<string>();
  if (ids.reward.size > 0) {
    for (const row of await findRewardParties(m, [...ids.reward])) {
      if (row.recipient) customers.add(row.recipient);
      if (row.referralId) ids.referral.add(row.referralId);
      if (row.advocateId) ids.advocate.add(row.advocateId);
    }
  }
  if (ids.referral.size > 0) {
    for (const row of await findReferralParties(m, [...ids.referral])) {
      if (row.friend) customers.add(row.friend);
      ids.advocate.add(row.advocateId);
    }
  }
  if (ids.advocate.size > 0) {
    for (const row of await findAdvocateCustomers(m, [...ids.advocate])) customers.add(row.customerId);
  }
  return customers;
}
