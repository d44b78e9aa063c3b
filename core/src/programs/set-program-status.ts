import { recordAudit } from '../audit/index.js';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { DomainError } from '../errors.js';
import { writeOutbox } from '../outbox/index.js';
import { isProgramId } from './program-view.js';
import { findProgramRow, lockProgram, updateProgramStatus } from './repository.js';

export type SetProgramStatusInput = {
  merchantId: string;
  programId: string;
  /** Paused: no new referrals are credited; rewards already earned go on as before. */
  status: 'active' | 'paused';
  actor: string;
};

/** Pauses or resumes a programme, audited; setting the status it already has changes nothing. */
export async function setProgramStatus(db: Database, input: SetProgramStatusInput) {
  const notFound = () => new DomainError('NOT_FOUND', `Program ${input.programId} not found.`);
  if (!isProgramId(input.programId)) throw notFound();
  return forMerchant(db, input.merchantId).transaction(async (m) => {
    if (!(await lockProgram(m, input.programId))) throw notFound();
    const program = await findProgramRow(m, input.programId);
    if (!program) throw notFound();
    if (program.status === 'archived') {
      throw new DomainError('ILLEGAL_TRANSITION', `Program ${program.id} is archived.`, {
        publicMessage: 'An archived programme cannot be paused or resumed.',
      });
    }
    if (program.status !== input.status) {
      await updateProgramStatus(m, program.id, input.status);
      await writeOutbox(m.db, {
        merchantId: m.merchantId,
        topic: 'program.status_changed',
        aggregateId: program.id,
        payload: { programId: program.id, status: input.status },
      });
      await recordAudit(m.db, {
        merchantId: m.merchantId,
        actor: input.actor,
        action: input.status === 'paused' ? 'program.paused' : 'program.resumed',
        subjectType: 'program',
        subjectId: program.id,
        before: { status: program.status },
        after: { status: input.status },
      });
    }
    return { programId: program.id, status: input.status };
  });
}
