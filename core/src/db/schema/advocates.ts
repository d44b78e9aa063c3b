// Advocates, their referral codes and the invitations they send.
import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, merchantId, ts } from './columns.js';
import { customers } from './customers.js';
import { programs } from './programs.js';

export const advocates = pgTable(
  'advocates',
  {
    id: id(),
    merchantId: merchantId(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    status: text('status', { enum: ['active', 'suspended'] })
      .notNull()
      .default('active'),
    consentAt: ts('consent_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('advocates_customer_uq').on(t.merchantId, t.customerId)],
);

export const referralCodes = pgTable(
  'referral_codes',
  {
    id: id(),
    merchantId: merchantId(),
    advocateId: uuid('advocate_id')
      .notNull()
      .references(() => advocates.id),
    /** Stored normalised (upper case, no spaces or dashes): lookups are case-insensitive. */
    code: text('code').notNull(),
    kind: text('kind', { enum: ['generated', 'vanity', 'friend_offer'] }).notNull(),
    status: text('status', { enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    createdAt: createdAt(),
    disabledAt: ts('disabled_at'),
  },
  (t) => [
    uniqueIndex('referral_codes_code_uq').on(t.merchantId, t.code),
    index('referral_codes_advocate_idx').on(t.merchantId, t.advocateId),
  ],
);

/** An advocate invited a friend by email: a pending touch until the friend orders. */
export const invitations = pgTable(
  'invitations',
  {
    id: id(),
    merchantId: merchantId(),
    advocateId: uuid('advocate_id')
      .notNull()
      .references(() => advocates.id),
    emailNormalized: text('email_normalized').notNull(),
    invitedAt: ts('invited_at').notNull(),
  },
  (t) => [
    uniqueIndex('invitations_advocate_email_uq').on(t.merchantId, t.advocateId, t.emailNormalized),
    index('invitations_email_idx').on(t.merchantId, t.emailNormalized),
  ],
);
