export * from './export-customer-data.js';
export { type Exported, type LedgerAccountExport, maskEmail } from './export-format.js';
export type { PrivacySubjectInput } from './find-subject.js';
export * from './purge-merchant.js';
export * from './redact-customer.js';
