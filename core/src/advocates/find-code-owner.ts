import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { normalizeCode } from './codes.js';
import { findActiveCodeOwner } from './repository/codes.js';

/** Who stands behind a code, as a friend may see it: a first name at most, never an email. */
export type CodeOwner = { code: string; advocateId: string; programId: string; firstName: string | null };

/** The active advocate behind an active code of this merchant, or null (unknown, disabled, suspended). */
export async function findCodeOwner(
  db: Database,
  merchantId: string,
  raw: string,
): Promise<CodeOwner | null> {
  const row = await forMerchant(db, merchantId).transaction((m) =>
    findActiveCodeOwner(m, normalizeCode(raw)),
  );
  return row ? { ...row, firstName: row.firstName?.trim() || null } : null;
}
