// Compliance requests from a platform: a data request stores an export of everything we hold on
// the person (the merchant downloads it from the admin); a redaction erases their identity but
// keeps amounts, so the ledger still balances. Recorded once per request (unique external id).
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import type { DomainEvent } from '../events/index.js';
import { exportCustomerData } from './export-customer-data.js';
import { redactCustomer } from './redact-customer.js';
import { insertPrivacyRequest } from './repository/requests.js';

type PrivacyRequest = Extract<DomainEvent, { type: 'CustomerPrivacyRequest' }>;

export async function applyPrivacyRequest(db: Database, merchantId: string, request: PrivacyRequest) {
  const m = forMerchant(db, merchantId);
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
  await insertPrivacyRequest(m, {
    kind: request.kind,
    externalId: request.requestId,
    subject: { platformCustomerId: request.customer.id ?? null, orderIds: request.orderIds },
    result,
  });
}
