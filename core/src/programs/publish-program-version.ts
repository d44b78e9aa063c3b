import { sql } from 'drizzle-orm';
import { recordAudit } from '../audit/index.js';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { DomainError } from '../errors.js';
import { writeOutbox } from '../outbox/index.js';
import { parseRules } from './create-program.js';
import { findLatestVersion, insertProgramVersion, lockProgram } from './repository.js';
import type { ProgramRulesInput } from './rules.js';

export type PublishProgramVersionInput = {
  merchantId: string;
  programId: string;
  rules: ProgramRulesInput;
  actor: string;
  effectiveFrom?: Date;
};

/** A rules change is a new version; referrals keep the version in force when their friend arrived. */
export async function publishProgramVersion(db: Database, input: PublishProgramVersionInput) {
  const rules = parseRules(input.rules);
  return forMerchant(db, input.merchantId).transaction(async (m) => {
    const program = await lockProgram(m, input.programId);
    if (!program) throw new DomainError('NOT_FOUND', `Program ${input.programId} not found.`);
    const previous = await findLatestVersion(m, input.programId);
    const version = (previous?.version ?? 0) + 1;
    const row = await insertProgramVersion(m, {
      programId: input.programId,
      version,
      rules,
      createdBy: input.actor,
      effectiveFrom: input.effectiveFrom ?? sql`now()`,
    });
    await writeOutbox(m.db, {
      merchantId: m.merchantId,
      topic: 'program.version_published',
      aggregateId: row.id,
      // A version that takes effect later is synced again then (the relay delays a second sync).
      payload: {
        programId: input.programId,
        versionId: row.id,
        effectiveFrom: row.effectiveFrom.toISOString(),
      },
    });
    await recordAudit(m.db, {
      merchantId: m.merchantId,
      actor: input.actor,
      action: 'program.version_published',
      subjectType: 'program',
      subjectId: input.programId,
      before: previous ? { version: previous.version, rules: previous.rules } : null,
      after: { version, rules },
    });
    return { versionId: row.id, version };
  });
}
