// Orders: the facts attribution and cohorts need, and their refunds.
import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, merchantId, minor, ts } from './columns.js';
import { customers } from './customers.js';

export const orders = pgTable(
  'orders',
  {
    id: id(),
    merchantId: merchantId(),
    platformOrderId: text('platform_order_id').notNull(),
    customerId: uuid('customer_id').references(() => customers.id),
    emailNormalized: text('email_normalized'),
    totalMinor: minor('total_minor'),
    subtotalMinor: minor('subtotal_minor'),
    currency: text('currency'),
    refundedMinor: minor('refunded_minor').notNull().default(0),
    /** Attribution and fraud signals captured from the order (hashed where personal). */
    signals: jsonb('signals').notNull().default(sql`'{}'::jsonb`),
    placedAt: ts('placed_at'),
    paidAt: ts('paid_at'),
    cancelledAt: ts('cancelled_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('orders_platform_id_uq').on(t.merchantId, t.platformOrderId),
    index('orders_customer_idx').on(t.merchantId, t.customerId),
    index('orders_email_idx').on(t.merchantId, t.emailNormalized),
  ],
);

/** One row per platform refund: the unique key makes a replayed refund a no-op. */
export const orderRefunds = pgTable(
  'order_refunds',
  {
    id: id(),
    merchantId: merchantId(),
    platformOrderId: text('platform_order_id').notNull(),
    platformRefundId: text('platform_refund_id').notNull(),
    amountMinor: minor('amount_minor').notNull(),
    currency: text('currency').notNull(),
    occurredAt: ts('occurred_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('order_refunds_refund_uq').on(t.merchantId, t.platformRefundId)],
);
