// Suspends an advocate (their link and code stop crediting referrals; nothing already earned is
// touched) or reactivates them; audited with the staff member who did it.
import { recordAudit } from '../audit/index.js';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { DomainError } from '../errors.js';
import { writeOutbox } from '../outbox/index.js';
import { isAdvocateId } from './get-advocate.js';
import { updateAdvocateStatus } from './repository/admin-detail.js';

export type SetAdvocateStatusInput = {
  merchantId: string;
  advocateId: string;
  status: 'active' | 'suspended';
  actor: string;
};

export async function setAdvocateStatus(
  db: Database,
  input: SetAdvocateStatusInput,
): Promise<{ advocateId: string; status: 'active' | 'suspended' }> {
  if (!isAdvocateId(input.advocateId)) {
    throw new DomainError('NOT_FOUND', `Advocate ${input.advocateId.slice(0, 64)} not found.`);
  }
  return forMerchant(db, input.merchantId).transaction(async (m) => {
    const changed = await updateAdvocateStatus(m, input.advocateId, input.status);
    if (!changed) throw new DomainError('NOT_FOUND', `Advocate ${input.advocateId} not found.`);
    if (changed.before !== input.status) {
      // A suspended advocate's codes stop working at checkout too (the checkout sync removes them).
      await writeOutbox(m.db, {
        merchantId: input.merchantId,
        topic: 'advocate.status_changed',
        aggregateId: input.advocateId,
        payload: { advocateId: input.advocateId, status: input.status },
      });
      await recordAudit(m.db, {
        merchantId: input.merchantId,
        actor: input.actor,
        action: input.status === 'suspended' ? 'advocate.suspended' : 'advocate.reactivated',
        subjectType: 'advocate',
        subjectId: input.advocateId,
        before: { status: changed.before },
        after: { status: input.status },
      });
    }
    return { advocateId: input.advocateId, status: input.status };
  });
}
