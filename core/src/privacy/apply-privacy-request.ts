// Compliance requests from a platform: a data request stores an export of everything we hold on
// the person (the merchant downloads it from the admin); a redaction erases their identity but
// keeps amounts, so the ledger still balances. Recorded once per request (unique external id).
import type { Database } from '../db/client.js';
import { privacyRequests } from '../db/schema/index.js';
import type { DomainEvent } from '../events/index.js';
import { exportCustomerData } from './export-customer-data.js';
import { redactCustomer } from './redact-customer.js';

type PrivacyRequest = Extract<DomainEvent, { type: 'CustomerPrivacyRequest' }>;

export async function applyPrivacyRequest(db: Database, merchantId: string, request: PrivacyRequest) {
  const subjectInput = {
    merchantId,
    platformCustomerId: request.customer.id ?? null,
    email: request.customer.email ?? null,
    platformOrderIds: request.orderIds,
  };
  const result =
    request.kind === 'customer_data_request'
      ? await exportCustomerData(db, subjectInput)
      : await redactCustomer(db, { ...subjectInput, at: request.occurredAt, actor: 'platform:compliance' });
  // The subject is stored by platform id only: a redaction request must not keep the email.
  await db
    .insert(privacyRequests)
    .values({
      merchantId,
      kind: request.kind,
      externalId: request.requestId,
      subject: { platformCustomerId: request.customer.id ?? null, orderIds: request.orderIds },
      result,
    })
    .onConflictDoNothing();
}
