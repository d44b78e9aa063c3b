import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { clicks } from '../db/schema/index.js';

/** How many clicks the merchant's links have recorded. */
export async function countClicks(db: Database, merchantId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(clicks)
    .where(eq(clicks.merchantId, merchantId));
  return row?.n ?? 0;
}
