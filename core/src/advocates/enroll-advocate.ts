import { recordAudit } from '../audit/index.js';
import { type CustomerIdentity, resolveCustomer } from '../customers/index.js';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { DomainError } from '../errors.js';
import { writeOutbox } from '../outbox/index.js';
import { insertUniqueCode } from './manage-codes.js';
import { findAdvocateIdByCustomer, insertAdvocate } from './repository/advocates.js';
import { findOldestActiveCode } from './repository/codes.js';

export type EnrollAdvocateInput = {
  merchantId: string;
  programId: string;
  customer: CustomerIdentity;
  /** When the advocate accepted the programme terms. */
  consentAt: Date;
  vanityCode?: string;
  actor?: string;
};

/** `code` is null only for an existing advocate whose codes were all disabled. */
export type Enrollment = { advocateId: string; customerId: string; code: string | null; created: boolean };

/** Enrols a customer as an advocate with a code; enrolling twice returns the same advocate. */
export async function enrollAdvocate(db: Database, input: EnrollAdvocateInput): Promise<Enrollment> {
  return forMerchant(db, input.merchantId).transaction(async (m) => {
    const customer = await resolveCustomer(m.db, m.merchantId, input.customer);
    if (!customer) throw new DomainError('VALIDATION', 'An advocate needs an email or a customer id.');
    const inserted = await insertAdvocate(m, {
      customerId: customer.id,
      programId: input.programId,
      consentAt: input.consentAt,
    });
    if (!inserted) {
      const advocateId = (await findAdvocateIdByCustomer(m, customer.id))!;
      const code = await findOldestActiveCode(m, advocateId);
      return { advocateId, customerId: customer.id, code, created: false };
    }
    const code = await insertUniqueCode(m.db, m.merchantId, inserted.id, input.vanityCode);
    await writeOutbox(m.db, {
      merchantId: input.merchantId,
      topic: 'advocate.enrolled',
      aggregateId: inserted.id,
      payload: { advocateId: inserted.id, customerId: customer.id },
    });
    await recordAudit(m.db, {
      merchantId: input.merchantId,
      actor: input.actor ?? 'advocate',
      action: 'advocate.enrolled',
      subjectType: 'advocate',
      subjectId: inserted.id,
      after: { programId: input.programId, consentAt: input.consentAt.toISOString(), code },
    });
    return { advocateId: inserted.id, customerId: customer.id, code, created: true };
  });
}
