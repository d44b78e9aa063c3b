import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { advocates, customers, referralCodes } from '../db/schema/index.js';
import { normalizeCode } from './codes.js';

/** Who stands behind a code, as a friend may see it: a first name at most, never an email. */
export type CodeOwner = { code: string; advocateId: string; programId: string; firstName: string | null };

/** The active advocate behind an active code of this merchant, or null (unknown, disabled, suspended). */
export async function findCodeOwner(
  db: Database,
  merchantId: string,
  raw: string,
): Promise<CodeOwner | null> {
  const [row] = await db
    .select({
      code: referralCodes.code,
      advocateId: advocates.id,
      programId: advocates.programId,
      firstName: customers.firstName,
    })
    .from(referralCodes)
    .innerJoin(
      advocates,
      and(eq(advocates.id, referralCodes.advocateId), eq(advocates.merchantId, merchantId)),
    )
    .innerJoin(customers, and(eq(customers.id, advocates.customerId), eq(customers.merchantId, merchantId)))
    .where(
      and(
        eq(referralCodes.merchantId, merchantId),
        eq(referralCodes.code, normalizeCode(raw)),
        eq(referralCodes.status, 'active'),
        eq(advocates.status, 'active'),
      ),
    );
  return row ? { ...row, firstName: row.firstName?.trim() || null } : null;
}
