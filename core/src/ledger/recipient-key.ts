import type { rewards } from '../db/schema/index.js';

type RewardRow = typeof rewards.$inferSelect;

/** Ledger account owner for a reward: the advocate, or the friend's customer record. */
export const recipientKey = (r: Pick<RewardRow, 'recipient' | 'advocateId' | 'recipientCustomerId'>) =>
  r.recipient === 'advocate' ? r.advocateId! : `customer-${r.recipientCustomerId}`;
