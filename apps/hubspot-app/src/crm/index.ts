// The HubSpot side of the CRM sync: properties, the shared per-portal limiter, the contact writer
// (the core's CrmWriter port), the connect hook and the backfill loop.
export {
  type AfterConnectDeps,
  type AfterConnectResult,
  afterHubSpotConnect,
  prepareHubSpotPortal,
} from './after-connect.js';
export { HUBSPOT_BATCH_LIMIT } from './contact-batches.js';
export { HubSpotCrmWriter, type HubSpotCrmWriterDeps } from './hubspot-crm-writer.js';
export {
  HUBSPOT_TEN_SECOND_LIMIT,
  PortalRateLimiter,
  type PortalRateLimiterOptions,
} from './portal-rate-limiter.js';
export {
  type EnsurePropertiesResult,
  ensureReferralProperties,
  type PropertyMismatch,
  REFERRAL_GROUP,
  REFERRAL_PROPERTIES,
  type ReferralProperty,
} from './properties.js';
export { referralLinkFor } from './referral-link.js';
export {
  type BackfillOptions,
  type BackfillProgress,
  type BackfillSummary,
  runBackfill,
} from './run-backfill.js';
