// Customers: the identity every advocate and friend resolves to.
import { index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, merchantId, ts } from './columns.js';

export const customers = pgTable(
  'customers',
  {
    id: id(),
    merchantId: merchantId(),
    platformCustomerId: text('platform_customer_id'),
    email: text('email'),
    emailNormalized: text('email_normalized'),
    firstName: text('first_name'),
    redactedAt: ts('redacted_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('customers_platform_id_uq').on(t.merchantId, t.platformCustomerId),
    index('customers_email_idx').on(t.merchantId, t.emailNormalized),
  ],
);
