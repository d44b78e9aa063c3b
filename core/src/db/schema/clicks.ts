// Clicks on referral links (hashed IP, visitor id).
import { bigserial, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { merchantId, ts } from './columns.js';

export const clicks = pgTable(
  'clicks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    merchantId: merchantId(),
    codeId: uuid('code_id').notNull(),
    advocateId: uuid('advocate_id').notNull(),
    visitorId: text('visitor_id').notNull(),
    ipHash: text('ip_hash'),
    userAgent: text('user_agent'),
    landingUrl: text('landing_url'),
    occurredAt: ts('occurred_at').notNull(),
  },
  (t) => [
    index('clicks_visitor_idx').on(t.merchantId, t.visitorId, t.occurredAt),
    // Click counts per advocate (the advocate score's conversion, the CRM sync).
    index('clicks_advocate_idx').on(t.merchantId, t.advocateId),
  ],
);
