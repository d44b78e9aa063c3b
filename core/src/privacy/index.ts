export * from './apply-privacy-request.js';
export * from './export-customer-data.js';
export type { Exported, LedgerAccountExport } from './export-format.js';
export type { PrivacySubjectInput } from './find-subject.js';
export * from './list-privacy-requests.js';
export * from './purge-merchant.js';
export * from './redact-customer.js';
