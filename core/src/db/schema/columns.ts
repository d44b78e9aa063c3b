// Column helpers the tables share. Every tenant row carries merchant_id (row-level security keys on it).
import { bigint, customType, timestamp, uuid } from 'drizzle-orm/pg-core';
import { merchants } from './merchants.js';

export const id = () => uuid('id').primaryKey().defaultRandom();
export const merchantId = () =>
  uuid('merchant_id')
    .notNull()
    .references(() => merchants.id, { onDelete: 'cascade' });
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const ts = (name: string) => timestamp(name, { withTimezone: true });
export const minor = (name: string) => bigint(name, { mode: 'number' });
export const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });
