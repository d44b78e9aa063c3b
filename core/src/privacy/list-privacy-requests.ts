// The compliance requests the platform sent for one merchant and what was done, newest first.
import { desc, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { privacyRequests } from '../db/schema/index.js';

export type PrivacyRequestRow = typeof privacyRequests.$inferSelect;

export async function listPrivacyRequests(
  db: Database,
  merchantId: string,
  limit: number,
): Promise<PrivacyRequestRow[]> {
  return db
    .select()
    .from(privacyRequests)
    .where(eq(privacyRequests.merchantId, merchantId))
    .orderBy(desc(privacyRequests.createdAt))
    .limit(limit);
}
