import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { programs } from '../db/schema/index.js';

/** Some programme of the merchant, active or not (the sandbox seeds one only if there is none). */
export async function findAnyProgramId(db: Database, merchantId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: programs.id })
    .from(programs)
    .where(eq(programs.merchantId, merchantId));
  return row?.id ?? null;
}
