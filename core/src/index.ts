// @referrals/core: the platform-neutral engine. Each capability folder's index.ts is its public
// face; this file names what the apps, the worker and the scripts use of it, and nothing else.
// Tables and drizzle-orm stay inside core: callers go through these use cases. What only tests
// need (row inspection, builders, test-only use cases) comes from '@referrals/core/testing'.

// Advocates: enrolment, referral codes and link codes, the storefront dashboard.
// Referrals as the admin lists them.
// Admin: advocates (issue 9)
export {
  type AdvocateBalance,
  type AdvocateDashboard,
  type AdvocateDetail,
  type AdvocateList,
  type AdvocateListItem,
  type AdvocateListSortKey,
  CODE_ALPHABET,
  type DashboardReferral,
  type DashboardReward,
  disableCode,
  enrollAdvocate,
  enrollCustomerByEmail,
  findActiveCode,
  findActiveCodeByAdvocateEmail,
  findAdvocateLinkCode,
  findCodeOwner,
  getAdvocate,
  getAdvocateDashboard,
  isAdvocateId,
  listAdvocates,
  listReferralCodes,
  normalizeCode,
  rotateCode,
  setAdvocateStatus,
} from './advocates/index.js';
// Workflows: the inbox and the engine, reward release / issue / claw-back, notices and cards.
export { explainOrder, explainReferral, type ReferralTrail } from './attribution/index.js';
// Checkout codes: advocates' codes as redeem codes of the platform's checkout discounts.
export {
  type CheckoutSyncDescription,
  describeCheckoutSync,
  type SyncCheckoutCodesResult,
  syncCheckoutCodes,
} from './checkout-codes/index.js';
// Clicks on referral links: buffered writes, counts.
export { ClickWriter, countClicks } from './clicks/index.js';
// Config: each process parses its env and passes it in; health; the encryption key.
export { checkHealth, parseEnv, resolveEncryptionKey } from './config.js';
// Platform connections: sealed OAuth tokens and their status.
export {
  type Connection,
  findConnectionByAccount,
  loadConnection,
  markConnectionStatus,
  saveConnection,
} from './connections/index.js';
// Platform connections: the per-merchant lock a token refresh holds.
export { lockConnectionRefresh } from './connections/lock-connection-refresh.js';
export type { EngineContext } from './context.js';
// Admin: rewards and settings (issue 9)
export { type CrmSyncDescription, describeCrmSync } from './crm/describe-crm-sync.js';
// CRM sync: contact properties, the coalescing queue, flushes and backfills.
export {
  type ContactReferralCard,
  type CrmContactProperty,
  type CrmPlatform,
  countBackfillContacts,
  crmContactProperties,
  crmReferralSource,
  crmReferralSources,
  crmReferralStatuses,
  crmSyncStatus,
  enqueueBackfill,
  type FlushCrmBatchInput,
  type FlushOutcome,
  findDueCrmMerchants,
  flushCrmBatch,
  getContactReferralCard,
  type LoadCrmContactsOptions,
  markContactsChanged,
  nextCrmFlushAt,
  unparkCrmSync,
} from './crm/index.js';
// OAuth state signed for one merchant.
export { signOAuthState, verifyOAuthState } from './crypto/oauth-state.js';
// Storage: opening (and migrating) the database.
export { type Database, openDatabase } from './db/client.js';
// Storage: a unique violation told apart from other failures.
export { isUniqueViolation } from './db/scoped.js';
// Errors: domain errors and how they are logged and described.
export { DomainError, describeError, errorLogFields, fieldErrorsOf } from './errors.js';
// Events: the platform-neutral facts the apps map their payloads onto.
export type { DomainEvent, OrderFacts } from './events/index.js';
// Friend offers: single-use welcome codes.
export {
  claimFriendOffer,
  deactivateFriendOffer,
  deriveFriendCodeKey,
  type FriendCodeKey,
  issueFriendOffer,
} from './friend-offers/index.js';
// Identity: emails normalised and masked.
export { maskEmail, normalizeEmail } from './identity/index.js';
export {
  describeWebhookHealth,
  WEBHOOK_HEALTH_WINDOW_DAYS,
  type WebhookTopicHealth,
} from './intake/describe-webhook-health.js';
export {
  countInboundEvents,
  findInboundEvent,
  type InboundMapper,
  type InboundMappers,
  ingestInboundEvent,
  processInboundEvent,
} from './intake/index.js';
// Ledger: the recipient key rewards are booked under.
export { recipientKey } from './ledger/index.js';
// Merchants: install, uninstall state, lookups (by shop domain: across merchants, by design).
export {
  findMerchant,
  findMerchantByShopDomain,
  installShopMerchant,
  listShopifyMerchantsToReconcile,
  type MerchantRow,
} from './merchants/index.js';
// Money: minor units, decimals, points.
export { decimalToMinor, minorToDecimal, POINTS_CURRENCY } from './money/index.js';
export { loadReferralConvertedNotice, loadRewardIssuedNotice } from './notices/index.js';
// Orders: the referral signals an order carries.
export type { OrderSignals } from './orders/index.js';
export { listRewardOrders } from './orders/index.js';
// Outbox relay and housekeeping.
export { type OutboxRow, type OutboxTopic, purgeRelayedOutbox, relayOutbox } from './outbox/index.js';
// Platform operations: calls without an idempotency key, journalled before they are made.
export {
  beginPlatformOperation,
  claimedPlatformRefs,
  completePlatformOperation,
  type PlatformOperationKey,
} from './platform-operations/index.js';
// Ports the apps implement (RewardIssuer, CrmWriter, ...).
export type {
  AddRedeemCodesResult,
  CheckoutDiscountMethod,
  CheckoutDiscountRef,
  CheckoutDiscountSpec,
  CheckoutDiscounts,
  ClawBackRequest,
  CrmContact,
  CrmWriteResult,
  CrmWriter,
  FriendOfferDiscount,
  FriendOfferIssuer,
  IssueRewardRequest,
  OrderSource,
  PlatformNotifier,
  PlatformRedeemCode,
  ReferralConvertedNotice,
  RewardIssuedNotice,
  RewardIssuer,
  StorefrontTracking,
} from './ports.js';
// Privacy: compliance requests as the admin lists them.
export { listPrivacyRequests } from './privacy/index.js';
// Sandbox seed (issue 9)
export { countProgramVersions } from './programs/count-program-versions.js';
// Rewards: what a programme hands out (the rule language is the programme's).
export type { RewardKind, RewardSpec } from './programs/index.js';
// Programmes and the version in force.
// Admin: programmes (issue 9)
export {
  createProgram,
  findActiveProgramId,
  findAnyProgramId,
  findVersionInForce,
  getProgram,
  isProgramId,
  listPrograms,
  type ProgramDetail,
  type ProgramRules,
  type ProgramRulesInput,
  type ProgramVersionView,
  type ProgramView,
  publishProgramVersion,
  setProgramStatus,
} from './programs/index.js';
export { listReviewQueue, type ReviewQueueItem, reviewReferral } from './qualification/index.js';
// Admin: referrals and the review queue (issue 9)
export {
  countReviewQueue,
  type ListReferralsQuery,
  listRecentReferrals,
  listReferrals,
  type ReferralListItem,
} from './referrals/index.js';
export {
  clawBackReward,
  findDueRewards,
  findPendingClawbacks,
  findUnissuedRewards,
  issueReward,
  releaseReward,
} from './rewards/index.js';
export {
  type AdminRewardStatus,
  adminRewardStatuses,
  listRewards,
  REWARD_ISSUE_OVERDUE_MS,
  type RewardListItem,
  type RewardListPage,
  type RewardListQuery,
  streamRewards,
} from './rewards/list-rewards.js';
export { retryRewardIssue } from './rewards/retry-reward-issue.js';
