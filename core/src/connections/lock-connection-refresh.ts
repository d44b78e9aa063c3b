import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import type { Platform } from './index.js';

/**
 * Holds the merchant's refresh lock for one platform until `tx` ends (a transaction-level
 * advisory lock): refresh tokens rotate, so two processes must never refresh one connection at
 * once. Call it first in the transaction, then re-read the connection under it.
 */
export async function lockConnectionRefresh(
  tx: Database,
  merchantId: string,
  platform: Platform,
): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`${platform}-refresh:${merchantId}`}))`);
}
