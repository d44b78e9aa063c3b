// Programs and their immutable, versioned rules.
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, merchantId, ts } from './columns.js';

export const programs = pgTable(
  'programs',
  {
    id: id(),
    merchantId: merchantId(),
    name: text('name').notNull(),
    status: text('status', { enum: ['active', 'paused', 'archived'] })
      .notNull()
      .default('active'),
    createdAt: createdAt(),
  },
  (t) => [index('programs_merchant_idx').on(t.merchantId)],
);

/** Immutable: a rules change is a new version (a trigger in the migrations refuses UPDATE/DELETE). */
export const programVersions = pgTable(
  'program_versions',
  {
    id: id(),
    merchantId: merchantId(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    rules: jsonb('rules').notNull(),
    effectiveFrom: ts('effective_from').notNull().defaultNow(),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('program_versions_program_version_uq').on(t.programId, t.version)],
);
