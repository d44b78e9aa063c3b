import { and, desc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/index.js';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { programs, programVersions } from '../db/schema/index.js';
import { DomainError } from '../errors.js';
import { parseRules } from './create-program.js';
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
  return forMerchant(db, input.merchantId).transaction(async ({ db: tx }) => {
    const [program] = await tx
      .select({ id: programs.id })
      .from(programs)
      .where(and(eq(programs.merchantId, input.merchantId), eq(programs.id, input.programId)))
      .for('update');
    if (!program) throw new DomainError('NOT_FOUND', `Program ${input.programId} not found.`);
    const [previous] = await tx
      .select()
      .from(programVersions)
      .where(
        and(eq(programVersions.merchantId, input.merchantId), eq(programVersions.programId, input.programId)),
      )
      .orderBy(desc(programVersions.version))
      .limit(1);
    const version = (previous?.version ?? 0) + 1;
    const [row] = await tx
      .insert(programVersions)
      .values({
        merchantId: input.merchantId,
        programId: input.programId,
        version,
        rules,
        createdBy: input.actor,
        effectiveFrom: input.effectiveFrom ?? sql`now()`,
      })
      .returning();
    await recordAudit(tx, {
      merchantId: input.merchantId,
      actor: input.actor,
      action: 'program.version_published',
      subjectType: 'program',
      subjectId: input.programId,
      before: previous ? { version: previous.version, rules: previous.rules } : null,
      after: { version, rules },
    });
    return { versionId: row!.id, version };
  });
}
