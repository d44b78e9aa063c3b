import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import {
  isProgramId,
  type ProgramVersionView,
  type ProgramView,
  toProgramView,
  toVersionView,
} from './program-view.js';
import { findProgramRow, findVersionRows } from './repository.js';

export type ProgramDetail = ProgramView & {
  /** Every version, newest first. */
  versions: ProgramVersionView[];
};

/** One programme with its whole version history; null when the merchant has no such programme. */
export async function getProgram(
  db: Database,
  merchantId: string,
  programId: string,
  now = new Date(),
): Promise<ProgramDetail | null> {
  if (!isProgramId(programId)) return null;
  return forMerchant(db, merchantId).transaction(async (m) => {
    const row = await findProgramRow(m, programId);
    if (!row) return null;
    const versions = (await findVersionRows(m, programId)).map(toVersionView);
    if (versions.length === 0) return null;
    return { ...toProgramView(row, versions, now), versions: [...versions].reverse() };
  });
}
