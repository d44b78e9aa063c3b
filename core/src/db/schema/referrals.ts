// Referrals: the state machine, reasons and risk of each referred order.
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { advocates } from './advocates.js';
import { createdAt, id, merchantId, ts } from './columns.js';
import { orders } from './orders.js';
import { programVersions } from './programs.js';

export const referrals = pgTable(
  'referrals',
  {
    id: id(),
    merchantId: merchantId(),
    advocateId: uuid('advocate_id')
      .notNull()
      .references(() => advocates.id),
    codeId: uuid('code_id'),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    friendCustomerId: uuid('friend_customer_id'),
    friendEmailNormalized: text('friend_email_normalized'),
    /** The program version in force when the friend first arrived judges this referral. */
    programVersionId: uuid('program_version_id')
      .notNull()
      .references(() => programVersions.id),
    source: text('source').notNull(),
    status: text('status', {
      enum: ['pending', 'qualified', 'review', 'approved', 'rewarded', 'rejected', 'reversed'],
    }).notNull(),
    riskScore: integer('risk_score').notNull().default(0),
    riskFindings: jsonb('risk_findings').notNull().default(sql`'[]'::jsonb`),
    qualification: jsonb('qualification').notNull().default(sql`'[]'::jsonb`),
    firstArrivedAt: ts('first_arrived_at').notNull(),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('referrals_order_uq').on(t.merchantId, t.orderId),
    index('referrals_advocate_idx').on(t.merchantId, t.advocateId, t.createdAt),
    // A friend's referrals (the CRM sync writes the latest one's status and source onto the friend).
    index('referrals_friend_idx').on(t.merchantId, t.friendCustomerId),
  ],
);
