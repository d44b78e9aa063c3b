// Rewards for each side and their claw-backs.
import { index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { advocates } from './advocates.js';
import { createdAt, id, merchantId, minor, ts } from './columns.js';
import { referrals } from './referrals.js';

export const rewards = pgTable(
  'rewards',
  {
    id: id(),
    merchantId: merchantId(),
    referralId: uuid('referral_id').references(() => referrals.id),
    advocateId: uuid('advocate_id').references(() => advocates.id),
    recipient: text('recipient', { enum: ['advocate', 'friend'] }).notNull(),
    recipientCustomerId: uuid('recipient_customer_id'),
    kind: text('kind', {
      enum: ['percent_discount', 'fixed_discount', 'store_credit', 'gift_card', 'points'],
    }).notNull(),
    /** Value at grant time; reductions are recorded in reversed_minor, never by editing this. */
    amountMinor: minor('amount_minor').notNull(),
    currency: text('currency').notNull(),
    bps: integer('bps'),
    reversedMinor: minor('reversed_minor').notNull().default(0),
    /** Part of a released reward kept back to repay a negative balance. */
    offsetMinor: minor('offset_minor').notNull().default(0),
    /** What the platform is asked to hand out, fixed at release (live amount less the offset). */
    payoutMinor: minor('payout_minor'),
    status: text('status', {
      enum: ['held', 'released', 'issued', 'voided', 'reversed', 'rejected'],
    }).notNull(),
    reason: text('reason').notNull(),
    holdUntil: ts('hold_until').notNull(),
    releasedAt: ts('released_at'),
    issuedAt: ts('issued_at'),
    platformRef: text('platform_ref'),
    /** Issue calls to the platform that threw (the rewards queue retries them). */
    issueAttempts: integer('issue_attempts').notNull().default(0),
    /** The last failed issue call's error message, truncated; cleared once the reward is issued. */
    lastIssueError: text('last_issue_error'),
    lastIssueAttemptAt: ts('last_issue_attempt_at'),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('rewards_idempotency_uq').on(t.merchantId, t.idempotencyKey),
    index('rewards_advocate_idx').on(t.merchantId, t.advocateId, t.createdAt),
    index('rewards_referral_idx').on(t.merchantId, t.referralId),
  ],
);

/** A take-back of an issued reward, sent to the platform through the rewards queue. */
export const rewardClawbacks = pgTable(
  'reward_clawbacks',
  {
    id: id(),
    merchantId: merchantId(),
    rewardId: uuid('reward_id')
      .notNull()
      .references(() => rewards.id),
    amountMinor: minor('amount_minor').notNull(),
    recoveredMinor: minor('recovered_minor'),
    shortfallMinor: minor('shortfall_minor'),
    status: text('status', { enum: ['pending', 'done'] })
      .notNull()
      .default('pending'),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: createdAt(),
    completedAt: ts('completed_at'),
  },
  (t) => [uniqueIndex('reward_clawbacks_idempotency_uq').on(t.merchantId, t.idempotencyKey)],
);
