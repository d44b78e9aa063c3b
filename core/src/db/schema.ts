// The domain model of DESIGN.md. Every row carries merchant_id and every query filters on it.
// Unique keys are the idempotency guarantee: a replayed event collides and writes nothing.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const id = () => uuid('id').primaryKey().defaultRandom();
const merchantId = () =>
  uuid('merchant_id')
    .notNull()
    .references(() => merchants.id, { onDelete: 'cascade' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const ts = (name: string) => timestamp(name, { withTimezone: true });
const minor = (name: string) => bigint(name, { mode: 'number' });
const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export const merchants = pgTable('merchants', {
  id: id(),
  name: text('name').notNull(),
  shopDomain: text('shop_domain').unique(),
  currency: text('currency').notNull().default('USD'),
  status: text('status', { enum: ['active', 'uninstalled'] })
    .notNull()
    .default('active'),
  createdAt: createdAt(),
});

/** OAuth tokens for Shopify / HubSpot, encrypted with AES-256-GCM (see crypto/secrets.ts). */
export const platformConnections = pgTable(
  'platform_connections',
  {
    id: id(),
    merchantId: merchantId(),
    platform: text('platform', { enum: ['shopify', 'hubspot'] }).notNull(),
    externalAccountId: text('external_account_id').notNull(),
    accessTokenEnc: bytea('access_token_enc').notNull(),
    refreshTokenEnc: bytea('refresh_token_enc'),
    accessTokenExpiresAt: ts('access_token_expires_at'),
    scopes: text('scopes').notNull().default(''),
    status: text('status', { enum: ['active', 'reconnect_needed', 'revoked'] })
      .notNull()
      .default('active'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('platform_connections_merchant_platform_uq').on(t.merchantId, t.platform),
    uniqueIndex('platform_connections_platform_account_uq').on(t.platform, t.externalAccountId),
  ],
);

export const programs = pgTable(
  'programs',
  {
    id: id(),
    merchantId: merchantId(),
    name: text('name').notNull(),
    status: text('status', { enum: ['active', 'paused', 'archived'] })
      .notNull()
      .default('active'),
    createdAt: createdAt(),
  },
  (t) => [index('programs_merchant_idx').on(t.merchantId)],
);

/** Immutable: a rules change is a new version (a trigger in the migrations refuses UPDATE/DELETE). */
export const programVersions = pgTable(
  'program_versions',
  {
    id: id(),
    merchantId: merchantId(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    rules: jsonb('rules').notNull(),
    effectiveFrom: ts('effective_from').notNull().defaultNow(),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('program_versions_program_version_uq').on(t.programId, t.version)],
);

export const customers = pgTable(
  'customers',
  {
    id: id(),
    merchantId: merchantId(),
    platformCustomerId: text('platform_customer_id'),
    email: text('email'),
    emailNormalized: text('email_normalized'),
    firstName: text('first_name'),
    redactedAt: ts('redacted_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('customers_platform_id_uq').on(t.merchantId, t.platformCustomerId),
    index('customers_email_idx').on(t.merchantId, t.emailNormalized),
  ],
);

export const advocates = pgTable(
  'advocates',
  {
    id: id(),
    merchantId: merchantId(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    status: text('status', { enum: ['active', 'suspended'] })
      .notNull()
      .default('active'),
    consentAt: ts('consent_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('advocates_customer_uq').on(t.merchantId, t.customerId)],
);

export const referralCodes = pgTable(
  'referral_codes',
  {
    id: id(),
    merchantId: merchantId(),
    advocateId: uuid('advocate_id')
      .notNull()
      .references(() => advocates.id),
    /** Stored normalised (upper case, no spaces or dashes): lookups are case-insensitive. */
    code: text('code').notNull(),
    kind: text('kind', { enum: ['generated', 'vanity', 'friend_offer'] }).notNull(),
    status: text('status', { enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    createdAt: createdAt(),
    disabledAt: ts('disabled_at'),
  },
  (t) => [
    uniqueIndex('referral_codes_code_uq').on(t.merchantId, t.code),
    index('referral_codes_advocate_idx').on(t.merchantId, t.advocateId),
  ],
);

export const clicks = pgTable(
  'clicks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    merchantId: merchantId(),
    codeId: uuid('code_id').notNull(),
    advocateId: uuid('advocate_id').notNull(),
    visitorId: text('visitor_id').notNull(),
    ipHash: text('ip_hash'),
    userAgent: text('user_agent'),
    landingUrl: text('landing_url'),
    occurredAt: ts('occurred_at').notNull(),
  },
  (t) => [
    index('clicks_visitor_idx').on(t.merchantId, t.visitorId, t.occurredAt),
    // Click counts per advocate (the advocate score's conversion, the CRM sync).
    index('clicks_advocate_idx').on(t.merchantId, t.advocateId),
  ],
);

/** An advocate invited a friend by email: a pending touch until the friend orders. */
export const invitations = pgTable(
  'invitations',
  {
    id: id(),
    merchantId: merchantId(),
    advocateId: uuid('advocate_id')
      .notNull()
      .references(() => advocates.id),
    emailNormalized: text('email_normalized').notNull(),
    invitedAt: ts('invited_at').notNull(),
  },
  (t) => [
    uniqueIndex('invitations_advocate_email_uq').on(t.merchantId, t.advocateId, t.emailNormalized),
    index('invitations_email_idx').on(t.merchantId, t.emailNormalized),
  ],
);

export const orders = pgTable(
  'orders',
  {
    id: id(),
    merchantId: merchantId(),
    platformOrderId: text('platform_order_id').notNull(),
    customerId: uuid('customer_id').references(() => customers.id),
    emailNormalized: text('email_normalized'),
    totalMinor: minor('total_minor'),
    subtotalMinor: minor('subtotal_minor'),
    currency: text('currency'),
    refundedMinor: minor('refunded_minor').notNull().default(0),
    /** Attribution and fraud signals captured from the order (hashed where personal). */
    signals: jsonb('signals').notNull().default(sql`'{}'::jsonb`),
    placedAt: ts('placed_at'),
    paidAt: ts('paid_at'),
    cancelledAt: ts('cancelled_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('orders_platform_id_uq').on(t.merchantId, t.platformOrderId),
    index('orders_customer_idx').on(t.merchantId, t.customerId),
    index('orders_email_idx').on(t.merchantId, t.emailNormalized),
  ],
);

/** One row per platform refund: the unique key makes a replayed refund a no-op. */
export const orderRefunds = pgTable(
  'order_refunds',
  {
    id: id(),
    merchantId: merchantId(),
    platformOrderId: text('platform_order_id').notNull(),
    platformRefundId: text('platform_refund_id').notNull(),
    amountMinor: minor('amount_minor').notNull(),
    currency: text('currency').notNull(),
    occurredAt: ts('occurred_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('order_refunds_refund_uq').on(t.merchantId, t.platformRefundId)],
);

/** Why an order was or was not credited: every decision is kept, credited or not. */
export const attributionDecisions = pgTable(
  'attribution_decisions',
  {
    id: id(),
    merchantId: merchantId(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    credited: boolean('credited').notNull(),
    advocateId: uuid('advocate_id'),
    rule: text('rule').notNull(),
    reasons: jsonb('reasons').notNull(),
    signals: jsonb('signals').notNull(),
    decidedAt: ts('decided_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('attribution_decisions_order_uq').on(t.merchantId, t.orderId)],
);

export const referrals = pgTable(
  'referrals',
  {
    id: id(),
    merchantId: merchantId(),
    advocateId: uuid('advocate_id')
      .notNull()
      .references(() => advocates.id),
    codeId: uuid('code_id'),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    friendCustomerId: uuid('friend_customer_id'),
    friendEmailNormalized: text('friend_email_normalized'),
    /** The program version in force when the friend first arrived judges this referral. */
    programVersionId: uuid('program_version_id')
      .notNull()
      .references(() => programVersions.id),
    source: text('source').notNull(),
    status: text('status', {
      enum: ['pending', 'qualified', 'review', 'approved', 'rewarded', 'rejected', 'reversed'],
    }).notNull(),
    riskScore: integer('risk_score').notNull().default(0),
    riskFindings: jsonb('risk_findings').notNull().default(sql`'[]'::jsonb`),
    qualification: jsonb('qualification').notNull().default(sql`'[]'::jsonb`),
    firstArrivedAt: ts('first_arrived_at').notNull(),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('referrals_order_uq').on(t.merchantId, t.orderId),
    index('referrals_advocate_idx').on(t.merchantId, t.advocateId, t.createdAt),
    // A friend's referrals (the CRM sync writes the latest one's status and source onto the friend).
    index('referrals_friend_idx').on(t.merchantId, t.friendCustomerId),
  ],
);

export const rewards = pgTable(
  'rewards',
  {
    id: id(),
    merchantId: merchantId(),
    referralId: uuid('referral_id').references(() => referrals.id),
    advocateId: uuid('advocate_id').references(() => advocates.id),
    recipient: text('recipient', { enum: ['advocate', 'friend'] }).notNull(),
    recipientCustomerId: uuid('recipient_customer_id'),
    kind: text('kind', {
      enum: ['percent_discount', 'fixed_discount', 'store_credit', 'gift_card', 'points'],
    }).notNull(),
    /** Value at grant time; reductions are recorded in reversed_minor, never by editing this. */
    amountMinor: minor('amount_minor').notNull(),
    currency: text('currency').notNull(),
    bps: integer('bps'),
    reversedMinor: minor('reversed_minor').notNull().default(0),
    /** Part of a released reward kept back to repay a negative balance. */
    offsetMinor: minor('offset_minor').notNull().default(0),
    /** What the platform is asked to hand out, fixed at release (live amount less the offset). */
    payoutMinor: minor('payout_minor'),
    status: text('status', {
      enum: ['held', 'released', 'issued', 'voided', 'reversed', 'rejected'],
    }).notNull(),
    reason: text('reason').notNull(),
    holdUntil: ts('hold_until').notNull(),
    releasedAt: ts('released_at'),
    issuedAt: ts('issued_at'),
    platformRef: text('platform_ref'),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('rewards_idempotency_uq').on(t.merchantId, t.idempotencyKey),
    index('rewards_advocate_idx').on(t.merchantId, t.advocateId, t.createdAt),
    index('rewards_referral_idx').on(t.merchantId, t.referralId),
  ],
);

/** A take-back of an issued reward, sent to the platform through the rewards queue. */
export const rewardClawbacks = pgTable(
  'reward_clawbacks',
  {
    id: id(),
    merchantId: merchantId(),
    rewardId: uuid('reward_id')
      .notNull()
      .references(() => rewards.id),
    amountMinor: minor('amount_minor').notNull(),
    recoveredMinor: minor('recovered_minor'),
    shortfallMinor: minor('shortfall_minor'),
    status: text('status', { enum: ['pending', 'done'] })
      .notNull()
      .default('pending'),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: createdAt(),
    completedAt: ts('completed_at'),
  },
  (t) => [uniqueIndex('reward_clawbacks_idempotency_uq').on(t.merchantId, t.idempotencyKey)],
);

export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: id(),
    merchantId: merchantId(),
    /** e.g. `expense:referrals`, `held:<advocateId>`, `receivable:<advocateId>`. */
    key: text('key').notNull(),
    currency: text('currency').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('ledger_accounts_key_uq').on(t.merchantId, t.key, t.currency)],
);

/** Append-only (a trigger refuses UPDATE/DELETE); the idempotency key makes a replay write nothing. */
export const ledgerTransactions = pgTable(
  'ledger_transactions',
  {
    id: id(),
    merchantId: merchantId(),
    idempotencyKey: text('idempotency_key').notNull(),
    description: text('description').notNull(),
    rewardId: uuid('reward_id'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('ledger_transactions_idempotency_uq').on(t.merchantId, t.idempotencyKey)],
);

/** Signed amounts: debit positive, credit negative; each transaction sums to zero per currency. */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    merchantId: merchantId(),
    transactionId: uuid('transaction_id')
      .notNull()
      .references(() => ledgerTransactions.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => ledgerAccounts.id),
    amountMinor: minor('amount_minor').notNull(),
    currency: text('currency').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('ledger_entries_account_idx').on(t.accountId),
    index('ledger_entries_transaction_idx').on(t.transactionId),
  ],
);

/** The webhook inbox: unique on the platform's event id, so a redelivery is stored once. */
export const inboundEvents = pgTable(
  'inbound_events',
  {
    id: id(),
    merchantId: merchantId(),
    platform: text('platform', { enum: ['shopify', 'hubspot', 'internal'] }).notNull(),
    externalId: text('external_id').notNull(),
    topic: text('topic').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status', { enum: ['received', 'processed', 'failed'] })
      .notNull()
      .default('received'),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    receivedAt: ts('received_at').notNull().defaultNow(),
    processedAt: ts('processed_at'),
  },
  (t) => [uniqueIndex('inbound_events_external_uq').on(t.merchantId, t.platform, t.externalId)],
);

/** Written in the same transaction as the change it announces; the worker relays it to a queue. */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    merchantId: merchantId(),
    topic: text('topic').notNull(),
    aggregateId: text('aggregate_id').notNull(),
    payload: jsonb('payload').notNull(),
    availableAt: ts('available_at').notNull().defaultNow(),
    createdAt: createdAt(),
    relayedAt: ts('relayed_at'),
  },
  (t) => [index('outbox_pending_idx').on(t.id).where(sql`relayed_at IS NULL`)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    merchantId: merchantId(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('audit_log_subject_idx').on(t.merchantId, t.subjectType, t.subjectId)],
);

/**
 * A call to a platform that has no idempotency of its own (e.g. Shopify's store credit): the row
 * is written before the call, so a retry after a crash knows the call may have happened and
 * looks on the platform before calling again. Unique per (merchant, platform, key).
 */
export const platformOperations = pgTable(
  'platform_operations',
  {
    id: id(),
    merchantId: merchantId(),
    platform: text('platform', { enum: ['shopify', 'hubspot'] }).notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    operation: text('operation').notNull(),
    status: text('status', { enum: ['started', 'succeeded'] })
      .notNull()
      .default('started'),
    attempts: integer('attempts').notNull().default(1),
    /** The platform's id of what the call created (e.g. a store credit transaction gid). */
    platformRef: text('platform_ref'),
    /** What the call achieved, for a retry that finds it done (e.g. the amount recovered). */
    result: jsonb('result'),
    startedAt: ts('started_at').notNull().defaultNow(),
    completedAt: ts('completed_at'),
  },
  (t) => [
    uniqueIndex('platform_operations_key_uq').on(t.merchantId, t.platform, t.idempotencyKey),
    uniqueIndex('platform_operations_ref_uq').on(t.merchantId, t.platform, t.platformRef),
  ],
);

/** Compliance requests (GDPR data requests and redactions) and their outcome, for the admin. */
export const privacyRequests = pgTable(
  'privacy_requests',
  {
    id: id(),
    merchantId: merchantId(),
    kind: text('kind', { enum: ['customer_data_request', 'customer_redact'] }).notNull(),
    /** The platform's request id (e.g. Shopify's data_request.id) or the webhook event id. */
    externalId: text('external_id').notNull(),
    subject: jsonb('subject').notNull(),
    status: text('status', { enum: ['completed'] })
      .notNull()
      .default('completed'),
    /** The export for a data request; counts for a redaction. */
    result: jsonb('result').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('privacy_requests_external_uq').on(t.merchantId, t.kind, t.externalId)],
);

/**
 * A friend's welcome discount: one unique single-use code per friend (by email) or, for an
 * anonymous arrival, per (advocate, visitor). Value and minimum are copied from the program
 * version in force when it was claimed, so a later program change leaves a given offer alone.
 */
export const friendOffers = pgTable(
  'friend_offers',
  {
    id: id(),
    merchantId: merchantId(),
    advocateId: uuid('advocate_id')
      .notNull()
      .references(() => advocates.id),
    /** The advocate's referral code the friend came through; null for an email invitation. */
    codeId: uuid('code_id').references(() => referralCodes.id),
    programVersionId: uuid('program_version_id')
      .notNull()
      .references(() => programVersions.id),
    friendEmailNormalized: text('friend_email_normalized'),
    visitorId: text('visitor_id'),
    /** Stored normalised (like referral codes), so an order's discount code matches it directly. */
    discountCode: text('discount_code').notNull(),
    kind: text('kind', { enum: ['percent_discount', 'fixed_discount'] }).notNull(),
    bps: integer('bps'),
    amountMinor: minor('amount_minor'),
    currency: text('currency').notNull(),
    minimumSubtotalMinor: minor('minimum_subtotal_minor'),
    status: text('status', { enum: ['pending', 'created', 'used', 'deactivated'] })
      .notNull()
      .default('pending'),
    platformRef: text('platform_ref'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('friend_offers_code_uq').on(t.merchantId, t.discountCode),
    uniqueIndex('friend_offers_email_uq')
      .on(t.merchantId, t.friendEmailNormalized)
      .where(sql`friend_email_normalized IS NOT NULL`),
    uniqueIndex('friend_offers_visitor_uq')
      .on(t.merchantId, t.advocateId, t.visitorId)
      .where(sql`friend_email_normalized IS NULL AND visitor_id IS NOT NULL`),
    index('friend_offers_visitor_idx').on(t.merchantId, t.visitorId),
  ],
);

/**
 * Contacts whose CRM facts changed and are not written yet: one row per (merchant, CRM, customer),
 * so any number of changes to one contact coalesce into one write. `revision` grows with every
 * change; a write only removes the row if the revision it read is still current.
 */
export const crmSyncQueue = pgTable(
  'crm_sync_queue',
  {
    merchantId: merchantId(),
    platform: text('platform', { enum: ['hubspot'] }).notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    /** The latest change to this contact's facts. */
    changedAt: ts('changed_at').notNull(),
    revision: integer('revision').notNull().default(1),
    /** Queued by a backfill and not changed since: live changes are written first. */
    backfill: boolean('backfill').notNull().default(false),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** Not claimed before this time: retry backoff, rate limits, or a claim's lease. */
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.merchantId, t.platform, t.customerId] }),
    index('crm_sync_queue_claim_idx').on(t.merchantId, t.platform, t.backfill, t.nextAttemptAt),
    index('crm_sync_queue_due_idx').on(t.platform, t.nextAttemptAt, t.merchantId),
  ],
);

/** Per merchant and CRM: why its sync is parked (shown in the admin) and where a backfill stands. */
export const crmSyncState = pgTable(
  'crm_sync_state',
  {
    merchantId: merchantId(),
    platform: text('platform', { enum: ['hubspot'] }).notNull(),
    parkedReason: text('parked_reason', { enum: ['daily_limit', 'reconnect_needed'] }),
    parkedAt: ts('parked_at'),
    /** A daily limit lifts by itself at this time; a reconnect waits for unparkCrmSync. */
    parkedUntil: ts('parked_until'),
    /** The last customer id a running backfill queued (customers are walked in id order). */
    backfillCursor: uuid('backfill_cursor'),
    backfillStartedAt: ts('backfill_started_at'),
    backfillDoneAt: ts('backfill_done_at'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.merchantId, t.platform] })],
);
