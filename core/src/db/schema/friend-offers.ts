// Friend offers: each friend's single-use welcome code.
import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { advocates, referralCodes } from './advocates.js';
import { createdAt, id, merchantId, minor, ts } from './columns.js';
import { programVersions } from './programs.js';

/**
 * A friend's welcome discount: one unique single-use code per friend (by email) or, for an
 * anonymous arrival, per (advocate, visitor). Value and minimum are copied from the program
 * version in force when it was claimed, so a later program change leaves a given offer alone.
 */
export const friendOffers = pgTable(
  'friend_offers',
  {
    id: id(),
    merchantId: merchantId(),
    advocateId: uuid('advocate_id')
      .notNull()
      .references(() => advocates.id),
    /** The advocate's referral code the friend came through; null for an email invitation. */
    codeId: uuid('code_id').references(() => referralCodes.id),
    programVersionId: uuid('program_version_id')
      .notNull()
      .references(() => programVersions.id),
    friendEmailNormalized: text('friend_email_normalized'),
    visitorId: text('visitor_id'),
    /** Stored normalised (like referral codes), so an order's discount code matches it directly. */
    discountCode: text('discount_code').notNull(),
    kind: text('kind', { enum: ['percent_discount', 'fixed_discount'] }).notNull(),
    bps: integer('bps'),
    amountMinor: minor('amount_minor'),
    currency: text('currency').notNull(),
    minimumSubtotalMinor: minor('minimum_subtotal_minor'),
    status: text('status', { enum: ['pending', 'created', 'used', 'deactivated'] })
      .notNull()
      .default('pending'),
    platformRef: text('platform_ref'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('friend_offers_code_uq').on(t.merchantId, t.discountCode),
    uniqueIndex('friend_offers_email_uq')
      .on(t.merchantId, t.friendEmailNormalized)
      .where(sql`friend_email_normalized IS NOT NULL`),
    uniqueIndex('friend_offers_visitor_uq')
      .on(t.merchantId, t.advocateId, t.visitorId)
      .where(sql`friend_email_normalized IS NULL AND visitor_id IS NOT NULL`),
    index('friend_offers_visitor_idx').on(t.merchantId, t.visitorId),
  ],
);
