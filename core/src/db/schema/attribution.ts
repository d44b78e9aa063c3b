// Attribution decisions, one per order, with their signals and reasons.
import { boolean, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, merchantId, ts } from './columns.js';
import { orders } from './orders.js';

/** Why an order was or was not credited: every decision is kept, credited or not. */
export const attributionDecisions = pgTable(
  'attribution_decisions',
  {
    id: id(),
    merchantId: merchantId(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    credited: boolean('credited').notNull(),
    advocateId: uuid('advocate_id'),
    rule: text('rule').notNull(),
    reasons: jsonb('reasons').notNull(),
    signals: jsonb('signals').notNull(),
    decidedAt: ts('decided_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('attribution_decisions_order_uq').on(t.merchantId, t.orderId)],
);
