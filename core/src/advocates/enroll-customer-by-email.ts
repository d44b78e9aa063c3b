// A marketer enrols a customer by email from the admin: into the shop's active programme, with
// the staff member as the actor who recorded the customer's consent. Enrolling someone who already
// is an advocate returns them (`created: false`), so the admin can open their page instead.
import type { Database } from '../db/client.js';
import { DomainError } from '../errors.js';
import { normalizeEmail } from '../identity/index.js';
import { findActiveProgramId } from '../programs/index.js';
import { type Enrollment, enrollAdvocate } from './enroll-advocate.js';

export type EnrollCustomerByEmailInput = {
  merchantId: string;
  email: string;
  firstName?: string | undefined;
  actor: string;
  now?: Date;
};

export async function enrollCustomerByEmail(
  db: Database,
  input: EnrollCustomerByEmailInput,
): Promise<Enrollment> {
  if (!normalizeEmail(input.email)) {
    throw new DomainError('VALIDATION', 'Enrolment without a usable email.', {
      fields: { email: ['Enter an email address like name@example.com.'] },
    });
  }
  const programId = await findActiveProgramId(db, input.merchantId);
  if (!programId) {
    throw new DomainError('CONFLICT', 'No active programme to enrol into.', {
      publicMessage: 'Start or resume a programme first: advocates are enrolled into the active programme.',
    });
  }
  return enrollAdvocate(db, {
    merchantId: input.merchantId,
    programId,
    customer: { email: input.email.trim(), firstName: input.firstName?.trim() || null },
    consentAt: input.now ?? new Date(),
    actor: input.actor,
  });
}
