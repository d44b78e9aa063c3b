// How the admin sees a programme: its row, its versions and which one is in force now.
import type { ProgramRow, ProgramVersionRow } from './repository.js';
import { type ProgramRules, programRulesSchema } from './rules.js';

export type ProgramVersionView = {
  id: string;
  version: number;
  rules: ProgramRules;
  effectiveFrom: Date;
  createdBy: string;
  createdAt: Date;
};

export type ProgramView = {
  id: string;
  name: string;
  status: ProgramRow['status'];
  createdAt: Date;
  /** The version referrals arriving now are judged by. */
  current: ProgramVersionView;
  /** Published versions that take effect later, soonest first. */
  scheduled: ProgramVersionView[];
  latestVersion: number;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids from a URL: anything that is not a uuid names no programme. */
export const isProgramId = (id: string): boolean => UUID.test(id);

export const toVersionView = (row: ProgramVersionRow): ProgramVersionView => ({
  id: row.id,
  version: row.version,
  rules: programRulesSchema.parse(row.rules),
  effectiveFrom: row.effectiveFrom,
  createdBy: row.createdBy,
  createdAt: row.createdAt,
});

/** `versions` oldest first; the one in force is the newest effective by `now`, else the first. */
export function toProgramView(program: ProgramRow, versions: ProgramVersionView[], now: Date): ProgramView {
  const effective = versions.filter((v) => v.effectiveFrom <= now);
  const current = effective.at(-1) ?? versions[0];
  if (!current) throw new Error(`Program ${program.id} has no version.`);
  return {
    id: program.id,
    name: program.name,
    status: program.status,
    createdAt: program.createdAt,
    current,
    scheduled: versions
      .filter((v) => v.version > current.version && v.effectiveFrom > now)
      .sort((a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime()),
    latestVersion: Math.max(...versions.map((v) => v.version)),
  };
}
