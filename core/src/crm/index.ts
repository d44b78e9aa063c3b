// CRM sync, platform-neutral: outbox changes -> a coalescing per-contact queue -> batches of
// contact properties for a CrmWriter (the HubSpot app's adapter), with parking and backfill.
export {
  type ClaimContactBatchInput,
  type ClaimedContact,
  CRM_BATCH_LIMIT,
  claimContactBatch,
} from './claim-contact-batch.js';
export { type CrmSyncStatus, crmSyncStatus } from './crm-sync-status.js';
export {
  type BackfillPage,
  countBackfillContacts,
  type EnqueueBackfillInput,
  enqueueBackfill,
} from './enqueue-backfill.js';
export { type FindDueCrmMerchantsInput, findDueCrmMerchants } from './find-due-crm-merchants.js';
export { type FlushCrmBatchInput, type FlushOutcome, flushCrmBatch } from './flush-crm-batch.js';
export * from './get-contact-referral-card.js';
export {
  type CrmContactBatch,
  type LoadCrmContactsOptions,
  loadCrmContacts,
} from './load-crm-contacts.js';
export { type MarkContactsChangedInput, markContactsChanged } from './mark-contacts-changed.js';
export { type NextCrmFlushAtInput, nextCrmFlushAt } from './next-crm-flush-at.js';
export {
  type CrmContactProperty,
  type CrmPlatform,
  type CrmReferralSource,
  type CrmReferralStatus,
  crmContactProperties,
  crmPlatforms,
  crmReferralSource,
  crmReferralSources,
  crmReferralStatuses,
} from './properties.js';
export type { CrmParkedReason } from './repository/sync-state.js';
export {
  crmRetryDelayMs,
  nextUtcMidnight,
  type SettleContactBatchInput,
  type SettleOutcome,
  settleContactBatch,
} from './settle-contact-batch.js';
export { type UnparkCrmSyncInput, unparkCrmSync } from './unpark-crm-sync.js';
