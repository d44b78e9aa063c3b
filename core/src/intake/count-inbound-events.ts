import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { inboundEvents } from '../db/schema/index.js';

/** The merchant's inbox: rows stored, and distinct external (delivery) ids among them. */
export async function countInboundEvents(
  db: Database,
  merchantId: string,
): Promise<{ total: number; distinctExternalIds: number }> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int`, distinct: sql<number>`count(DISTINCT external_id)::int` })
    .from(inboundEvents)
    .where(eq(inboundEvents.merchantId, merchantId));
  return { total: row?.n ?? 0, distinctExternalIds: row?.distinct ?? 0 };
}
