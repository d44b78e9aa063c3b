import { recordAudit } from '../audit/index.js';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { DomainError, fieldErrorsOf } from '../errors.js';
import { writeOutbox } from '../outbox/index.js';
import { insertProgram, insertProgramVersion } from './repository.js';
import { type ProgramRules, type ProgramRulesInput, programRulesSchema } from './rules.js';

export type CreateProgramInput = {
  merchantId: string;
  name: string;
  rules: ProgramRulesInput;
  actor: string;
  effectiveFrom?: Date;
};

export function parseRules(rules: unknown): ProgramRules {
  const parsed = programRulesSchema.safeParse(rules);
  if (!parsed.success) {
    throw new DomainError('VALIDATION', `Invalid program rules: ${parsed.error.message}`, {
      publicMessage: 'The programme rules are not valid.',
      fields: fieldErrorsOf(parsed.error),
      details: { issues: parsed.error.issues },
    });
  }
  return parsed.data;
}

/** Creates a program with its first immutable version, audited. */
export async function createProgram(db: Database, input: CreateProgramInput) {
  const rules = parseRules(input.rules);
  return forMerchant(db, input.merchantId).transaction(async (m) => {
    const program = await insertProgram(m, input.name);
    const version = await insertProgramVersion(m, {
      programId: program.id,
      version: 1,
      rules,
      createdBy: input.actor,
      ...(input.effectiveFrom ? { effectiveFrom: input.effectiveFrom } : {}),
    });
    await writeOutbox(m.db, {
      merchantId: m.merchantId,
      topic: 'program.version_published',
      aggregateId: version.id,
      payload: {
        programId: program.id,
        versionId: version.id,
        effectiveFrom: version.effectiveFrom.toISOString(),
      },
    });
    await recordAudit(m.db, {
      merchantId: m.merchantId,
      actor: input.actor,
      action: 'program.created',
      subjectType: 'program',
      subjectId: program.id,
      after: { name: input.name, version: 1, rules },
    });
    return { programId: program.id, versionId: version.id };
  });
}
