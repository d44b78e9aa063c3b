import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../audit/index.js';
import { type CustomerIdentity, resolveCustomer } from '../customers/index.js';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { advocates, referralCodes } from '../db/schema/index.js';
import { DomainError } from '../errors.js';
import { writeOutbox } from '../outbox/index.js';
import { insertUniqueCode } from './manage-codes.js';

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
  return forMerchant(db, input.merchantId).transaction(async ({ db: tx }) => {
    const customer = await resolveCustomer(tx, input.merchantId, input.customer);
    if (!customer) throw new DomainError('VALIDATION', 'An advocate needs an email or a customer id.');
    const [inserted] = await tx
      .insert(advocates)
      .values({
        merchantId: input.merchantId,
        customerId: customer.id,
        programId: input.programId,
        consentAt: input.consentAt,
      })
      .onConflictDoNothing()
      .returning();
    if (!inserted) {
      const [existing] = await tx
        .select({ advocateId: advocates.id })
        .from(advocates)
        .where(and(eq(advocates.merchantId, input.merchantId), eq(advocates.customerId, customer.id)));
      const [code] = await tx
        .select({ code: referralCodes.code })
        .from(referralCodes)
        .where(
          and(
            eq(referralCodes.merchantId, input.merchantId),
            eq(referralCodes.advocateId, existing!.advocateId),
            eq(referralCodes.status, 'active'),
          ),
        )
        .orderBy(referralCodes.createdAt)
        .limit(1);
      return {
        advocateId: existing!.advocateId,
        customerId: customer.id,
        code: code?.code ?? null,
        created: false,
      };
    }
    const code = await insertUniqueCode(tx, input.merchantId, inserted.id, input.vanityCode);
    await writeOutbox(tx, {
      merchantId: input.merchantId,
      topic: 'advocate.enrolled',
      aggregateId: inserted.id,
      payload: { advocateId: inserted.id, customerId: customer.id },
    });
    await recordAudit(tx, {
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
