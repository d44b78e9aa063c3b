// The audit log.
import { bigserial, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { merchantId, ts } from './columns.js';

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    merchantId: merchantId(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('audit_log_subject_idx').on(t.merchantId, t.subjectType, t.subjectId)],
);
