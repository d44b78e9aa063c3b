import type { Database } from '../db/client.js';
import { auditLog } from '../db/schema/index.js';

export type AuditRecord = {
  merchantId: string;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
};

/** Admin actions and program changes; written in the caller's transaction. */
export async function recordAudit(db: Database, record: AuditRecord): Promise<void> {
  await db.insert(auditLog).values({ ...record, before: record.before ?? null, after: record.after ?? null });
}
