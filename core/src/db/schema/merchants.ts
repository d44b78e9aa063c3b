// Merchants: one row per shop.
import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const merchants = pgTable('merchants', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  shopDomain: text('shop_domain').unique(),
  currency: text('currency').notNull().default('USD'),
  status: text('status', { enum: ['active', 'uninstalled'] })
    .notNull()
    .default('active'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
