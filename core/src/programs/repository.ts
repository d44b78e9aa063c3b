// Queries on programmes and their versions; every one stays inside the merchant's scope.
import { and, desc, eq, lte, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { forMerchant, type MerchantScope } from '../db/merchant-scope.js';
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

type ProgramVersionRow = typeof programVersions.$inferSelect;

const toVersion = (row: ProgramVersionRow): ProgramVersion => ({
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
  return forMerchant(db, merchantId).transaction(async (m) => {
    const scope = m.where(programVersions, eq(programVersions.programId, programId));
    const [row] = await m.db
      .select()
      .from(programVersions)
      .where(and(scope, lte(programVersions.effectiveFrom, at)))
      .orderBy(desc(programVersions.version))
      .limit(1);
    if (row) return toVersion(row);
    const [first] = await m.db
      .select()
      .from(programVersions)
      .where(scope)
      .orderBy(programVersions.version)
      .limit(1);
    if (!first) throw new DomainError('NOT_FOUND', `Program ${programId} has no version.`);
    return toVersion(first);
  });
}

export async function findVersionById(db: Database, merchantId: string, id: string): Promise<ProgramVersion> {
  const m = forMerchant(db, merchantId);
  const [row] = await m.db.select().from(programVersions).where(m.byId(programVersions, id));
  if (!row) throw new DomainError('NOT_FOUND', `Program version ${id} not found.`);
  return toVersion(row);
}

export async function findActiveProgramId(db: Database, merchantId: string): Promise<string | null> {
  return forMerchant(db, merchantId).transaction(async (m) => {
    const [row] = await m.db
      .select({ id: programs.id })
      .from(programs)
      .where(m.where(programs, eq(programs.status, 'active')))
      .orderBy(programs.createdAt)
      .limit(1);
    return row?.id ?? null;
  });
}

/** Every program version of a merchant, loaded in one query, for many in-force look-ups. */
export type ProgramBook = {
  activeProgramId: string | null;
  inForce(programId: string, at: Date): ProgramVersion;
};

export async function loadProgramBook(db: Database, merchantId: string): Promise<ProgramBook> {
  const m = forMerchant(db, merchantId);
  const rows = await m.db
    .select({ version: programVersions, status: programs.status, createdAt: programs.createdAt })
    .from(programVersions)
    .innerJoin(programs, eq(programs.id, programVersions.programId))
    .where(m.where(programVersions))
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

/** Some programme of the merchant, active or not. */
export async function findSomeProgramId(m: MerchantScope): Promise<string | null> {
  const [row] = await m.db.select({ id: programs.id }).from(programs).where(m.where(programs));
  return row?.id ?? null;
}

/** The programme row, locked: version numbers are handed out one publisher at a time. */
export async function lockProgram(m: MerchantScope, programId: string): Promise<{ id: string } | undefined> {
  const [row] = await m.db
    .select({ id: programs.id })
    .from(programs)
    .where(m.byId(programs, programId))
    .for('update');
  return row;
}

/** The programme's highest-numbered version (not necessarily the one in force). */
export async function findLatestVersion(
  m: MerchantScope,
  programId: string,
): Promise<ProgramVersionRow | undefined> {
  const [row] = await m.db
    .select()
    .from(programVersions)
    .where(m.where(programVersions, eq(programVersions.programId, programId)))
    .orderBy(desc(programVersions.version))
    .limit(1);
  return row;
}

export async function insertProgram(m: MerchantScope, name: string): Promise<typeof programs.$inferSelect> {
  const [row] = await m.db.insert(programs).values({ merchantId: m.merchantId, name }).returning();
  return row!;
}

/** `effectiveFrom` may be SQL (`now()`): the database's clock, as the column default is. */
export type NewProgramVersion = Omit<typeof programVersions.$inferInsert, 'merchantId' | 'effectiveFrom'> & {
  effectiveFrom?: Date | SQL;
};

export async function insertProgramVersion(
  m: MerchantScope,
  values: NewProgramVersion,
): Promise<ProgramVersionRow> {
  const [row] = await m.db
    .insert(programVersions)
    .values({ ...values, merchantId: m.merchantId })
    .returning();
  return row!;
}

// The admin's reads and the pause switch.

export type ProgramRow = typeof programs.$inferSelect;
export type { ProgramVersionRow };

export async function findProgramRows(m: MerchantScope): Promise<ProgramRow[]> {
  return m.db.select().from(programs).where(m.where(programs)).orderBy(programs.createdAt);
}

export async function findProgramRow(m: MerchantScope, programId: string): Promise<ProgramRow | undefined> {
  const [row] = await m.db.select().from(programs).where(m.byId(programs, programId));
  return row;
}

/** Every version of the merchant's programmes (or of one), oldest first. */
export async function findVersionRows(m: MerchantScope, programId?: string): Promise<ProgramVersionRow[]> {
  return m.db
    .select()
    .from(programVersions)
    .where(
      programId
        ? m.where(programVersions, eq(programVersions.programId, programId))
        : m.where(programVersions),
    )
    .orderBy(programVersions.programId, programVersions.version);
}

export async function updateProgramStatus(
  m: MerchantScope,
  programId: string,
  status: ProgramRow['status'],
): Promise<void> {
  await m.db.update(programs).set({ status }).where(m.byId(programs, programId));
}
