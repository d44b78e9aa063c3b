import { and, desc, eq, lte } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { programs, programVersions } from '../db/schema/index.js';
import { DomainError } from '../errors.js';
import { type ProgramRules, programRulesSchema } from './rules.js';

export type ProgramVersion = {
  id: string;
  programId: string;
  version: number;
  rules: ProgramRules;
  effectiveFrom: Date;
};

const toVersion = (row: typeof programVersions.$inferSelect): ProgramVersion => ({
  id: row.id,
  programId: row.programId,
  version: row.version,
  rules: programRulesSchema.parse(row.rules),
  effectiveFrom: row.effectiveFrom,
});

/** The version in force at `at`: the newest one effective by then, else the first one. */
export async function findVersionInForce(
  db: Database,
  merchantId: string,
  programId: string,
  at: Date,
): Promise<ProgramVersion> {
  const scope = and(eq(programVersions.merchantId, merchantId), eq(programVersions.programId, programId));
  const [row] = await db
    .select()
    .from(programVersions)
    .where(and(scope, lte(programVersions.effectiveFrom, at)))
    .orderBy(desc(programVersions.version))
    .limit(1);
  if (row) return toVersion(row);
  const [first] = await db
    .select()
    .from(programVersions)
    .where(scope)
    .orderBy(programVersions.version)
    .limit(1);
  if (!first) throw new DomainError('NOT_FOUND', `Program ${programId} has no version.`);
  return toVersion(first);
}

export async function findVersionById(db: Database, merchantId: string, id: string): Promise<ProgramVersion> {
  const [row] = await db
    .select()
    .from(programVersions)
    .where(and(eq(programVersions.merchantId, merchantId), eq(programVersions.id, id)));
  if (!row) throw new DomainError('NOT_FOUND', `Program version ${id} not found.`);
  return toVersion(row);
}

export async function findActiveProgramId(db: Database, merchantId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: programs.id })
    .from(programs)
    .where(and(eq(programs.merchantId, merchantId), eq(programs.status, 'active')))
    .orderBy(programs.createdAt)
    .limit(1);
  return row?.id ?? null;
}

/** Every program version of a merchant, loaded in one query, for many in-force look-ups. */
export type ProgramBook = {
  activeProgramId: string | null;
  inForce(programId: string, at: Date): ProgramVersion;
};

export async function loadProgramBook(db: Database, merchantId: string): Promise<ProgramBook> {
  const rows = await db
    .select({ version: programVersions, status: programs.status, createdAt: programs.createdAt })
    .from(programVersions)
    .innerJoin(programs, eq(programs.id, programVersions.programId))
    .where(eq(programVersions.merchantId, merchantId))
    .orderBy(programs.createdAt, programVersions.version);
  const byProgram = new Map<string, ProgramVersion[]>();
  let activeProgramId: string | null = null;
  for (const row of rows) {
    const list = byProgram.get(row.version.programId) ?? [];
    list.push(toVersion(row.version));
    byProgram.set(row.version.programId, list);
    if (!activeProgramId && row.status === 'active') activeProgramId = row.version.programId;
  }
  return {
    activeProgramId,
    inForce(programId, at) {
      const versions = byProgram.get(programId);
      if (!versions?.length) throw new DomainError('NOT_FOUND', `Program ${programId} has no version.`);
      const effective = versions.filter((v) => v.effectiveFrom <= at);
      return effective.at(-1) ?? versions[0]!;
    },
  };
}
