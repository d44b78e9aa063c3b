// Checkout visitors: which referral visitor ids a web pixel saw complete a checkout.
import { pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, merchantId, ts } from './columns.js';

/**
 * One row per (order, visitor id) reported by the storefront web pixel on `checkout_completed`.
 * It credits nobody by itself: attribution looks up server-recorded clicks for these visitor ids,
 * and only when the order's own checkout token matches. The platform order id is not a foreign
 * key: the pixel's event often arrives before the order's webhook.
 */
export const checkoutVisitors = pgTable(
  'checkout_visitors',
  {
    id: id(),
    merchantId: merchantId(),
    platformOrderId: text('platform_order_id').notNull(),
    checkoutToken: text('checkout_token').notNull(),
    visitorId: text('visitor_id').notNull(),
    /** When the browser says the checkout completed (the pixel event's timestamp). */
    occurredAt: ts('occurred_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('checkout_visitors_order_visitor_uq').on(t.merchantId, t.platformOrderId, t.visitorId)],
);
