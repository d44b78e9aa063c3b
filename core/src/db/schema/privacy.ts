// Privacy requests (data exports, redactions).
import { jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, merchantId } from './columns.js';

/** Compliance requests (GDPR data requests and redactions) and their outcome, for the admin. */
export const privacyRequests = pgTable(
  'privacy_requests',
  {
    id: id(),
    merchantId: merchantId(),
    kind: text('kind', { enum: ['customer_data_request', 'customer_redact'] }).notNull(),
    /** The platform's request id (e.g. Shopify's data_request.id) or the webhook event id. */
    externalId: text('external_id').notNull(),
    subject: jsonb('subject').notNull(),
    status: text('status', { enum: ['completed'] })
      .notNull()
      .default('completed'),
    /** The export for a data request; counts for a redaction. */
    result: jsonb('result').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('privacy_requests_external_uq').on(t.merchantId, t.kind, t.externalId)],
);
