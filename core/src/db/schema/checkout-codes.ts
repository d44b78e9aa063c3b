// Checkout codes: what the platform knows of our advocates' codes, so a friend can type one at a
// real checkout. Per programme version one code discount carries the codes as redeem codes and one
// automatic discount serves carts with a signed referral attribute (both run our Discount Function).
import { boolean, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { referralCodes } from './advocates.js';
import { createdAt, id, merchantId, ts } from './columns.js';
import { programs, programVersions } from './programs.js';

/**
 * One platform discount of a programme version (`method` code or automatic). `generation` counts
 * the discounts made for it: one the platform lost (deleted behind our back) is made again under
 * the next generation, so its exactly-once creation key is new.
 */
export const checkoutDiscounts = pgTable(
  'checkout_discounts',
  {
    id: id(),
    merchantId: merchantId(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    programVersionId: uuid('program_version_id')
      .notNull()
      .references(() => programVersions.id, { onDelete: 'cascade' }),
    method: text('method', { enum: ['code', 'automatic'] }).notNull(),
    /** pending: not made yet (or lost); active: on the platform; ended: switched off for good. */
    status: text('status', { enum: ['pending', 'active', 'ended'] })
      .notNull()
      .default('pending'),
    generation: integer('generation').notNull().default(1),
    /** The platform's id (gid://shopify/DiscountCodeNode/… or DiscountAutomaticNode/…). */
    platformDiscountId: text('platform_discount_id'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    endedAt: ts('ended_at'),
  },
  (t) => [uniqueIndex('checkout_discounts_version_method_uq').on(t.merchantId, t.programVersionId, t.method)],
);

/**
 * What was synced of one referral code: the code discount it is a redeem code of (null: none)
 * and whether it is in its advocate's `advocate_codes` customer metafield. A failed attempt keeps
 * its error and count; the periodic reconcile compares this record with the platform.
 */
export const checkoutCodes = pgTable(
  'checkout_codes',
  {
    merchantId: merchantId(),
    codeId: uuid('code_id')
      .notNull()
      .references(() => referralCodes.id, { onDelete: 'cascade' }),
    /** The code discount it is on (checkout_discounts.id), null when it is on none. */
    discountId: uuid('discount_id').references(() => checkoutDiscounts.id, { onDelete: 'set null' }),
    /** The platform's id of the redeem code, when known (needed to delete it). */
    platformCodeId: text('platform_code_id'),
    inAdvocateMetafield: boolean('in_advocate_metafield').notNull().default(false),
    syncedAt: ts('synced_at'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    lastErrorAt: ts('last_error_at'),
  },
  (t) => [
    primaryKey({ columns: [t.merchantId, t.codeId] }),
    index('checkout_codes_discount_idx').on(t.merchantId, t.discountId),
  ],
);

/** Per merchant: the sync's lease (one sync at a time per shop) and how the last runs went. */
export const checkoutSyncState = pgTable('checkout_sync_state', {
  merchantId: merchantId().primaryKey(),
  /** A running sync holds the shop until this time (extended as it goes); null when free. */
  leaseUntil: ts('lease_until'),
  leaseToken: text('lease_token'),
  lastSyncedAt: ts('last_synced_at'),
  lastReconciledAt: ts('last_reconciled_at'),
  /** Consecutive failed runs and the last one's error; a run that succeeds clears both. */
  failures: integer('failures').notNull().default(0),
  lastError: text('last_error'),
  lastErrorAt: ts('last_error_at'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
