import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { type ProgramVersionView, type ProgramView, toProgramView, toVersionView } from './program-view.js';
import { findProgramRows, findVersionRows } from './repository.js';

/** The merchant's programmes, oldest first, each with the version in force and any scheduled. */
export async function listPrograms(
  db: Database,
  merchantId: string,
  now = new Date(),
): Promise<ProgramView[]> {
  return forMerchant(db, merchantId).transaction(async (m) => {
    const [rows, versionRows] = await Promise.all([findProgramRows(m), findVersionRows(m)]);
    const byProgram = new Map<string, ProgramVersionView[]>();
    for (const row of versionRows) {
      byProgram.set(row.programId, [...(byProgram.get(row.programId) ?? []), toVersionView(row)]);
    }
    return rows.flatMap((row) => {
      const versions = byProgram.get(row.id);
      return versions ? [toProgramView(row, versions, now)] : [];
    });
  });
}
