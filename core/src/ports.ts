// Ports: what the engine needs from the outside world. Adapters live in the apps.
import type { DomainEvent } from './events/index.js';
import type { ProgramRules } from './programs/rules.js';

export type IssueRewardRequest = {
  merchantId: string;
  rewardId: string;
  /** Stable per reward: an adapter looks it up before creating again after a timeout. */
  idempotencyKey: string;
  recipient: 'advocate' | 'friend';
  recipientCustomerId: string | null;
  recipientPlatformCustomerId: string | null;
  kind: 'percent_discount' | 'fixed_discount' | 'store_credit' | 'gift_card' | 'points';
  /** What to hand out now (after any negative-balance offset). */
  amountMinor: number;
  currency: string;
  bps: number | null;
};

export type ClawBackRequest = {
  merchantId: string;
  rewardId: string;
  clawbackId: string;
  idempotencyKey: string;
  kind: IssueRewardRequest['kind'];
  platformRef: string | null;
  recipientPlatformCustomerId: string | null;
  amountMinor: number;
  currency: string;
};

/** Hands rewards out on a platform and takes them back. Implemented by the Shopify app. */
export interface RewardIssuer {
  /** Idempotent per `idempotencyKey`; returns the platform's id of what was created. */
  issue(request: IssueRewardRequest): Promise<{ platformRef: string }>;
  /** Takes back up to `amountMinor`; returns what the platform could recover (maybe less). */
  clawBack(request: ClawBackRequest): Promise<{ recoveredMinor: number }>;
}

/** One state change a CRM cares about (an outbox row), by ids only. */
export type CrmChange = { merchantId: string; outboxId: number; topic: string; aggregateId: string };

/** One contact's referral facts as CRM properties: values are already strings (CRM APIs take strings). */
export type CrmContact = {
  customerId: string;
  /** Normalised email: the key CRM contacts are upserted by. */
  email: string;
  properties: Record<string, string>;
};

export type CrmWriteResult = {
  /** Customer ids whose contact was written. */
  written: string[];
  /** Inputs the CRM refused; retryable ones are tried again later, the others are dropped and logged. */
  failed: { customerId: string; error: string; retryable: boolean }[];
  /**
   * The CRM account can't take writes now: the call stopped. Contacts in `written` went out before
   * the block (they are settled as written); the others wait. `rate_limited`
   * retries after `retryAfterMs`; `daily_limit` and `reconnect_needed` park the merchant's sync
   * (pending contacts wait, visible in the admin) until the limit resets or the account reconnects.
   */
  blocked?:
    | { reason: 'rate_limited' | 'daily_limit' | 'reconnect_needed'; retryAfterMs: number | null }
    | undefined;
};

/** Writes referral facts onto CRM contacts (upsert by email). Implemented by the HubSpot app. */
export interface CrmWriter {
  write(merchantId: string, contacts: CrmContact[]): Promise<CrmWriteResult>;
}

/** A friend's single-use welcome discount, as the platform is asked to create or switch it off. */
export type FriendOfferDiscount = {
  merchantId: string;
  offerId: string;
  /** Unique per merchant and derived from the offer: a retry finds the code the first try made. */
  code: string;
  kind: 'percent_discount' | 'fixed_discount';
  bps: number | null;
  amountMinor: number | null;
  currency: string;
  minimumSubtotalMinor: number | null;
};

/** Creates and deactivates friends' discount codes on a platform. Implemented by the Shopify app. */
export interface FriendOfferIssuer {
  /** Idempotent per `code`; returns the platform's id of the discount. */
  create(offer: FriendOfferDiscount): Promise<{ platformRef: string }>;
  /** Switches the code off unless it was used; says whether it had been. Idempotent. */
  deactivate(offer: FriendOfferDiscount): Promise<{ used: boolean }>;
}

/**
 * Reads a platform's orders back, for reconciliation: webhooks can be dropped or arrive up to a
 * day late. Implemented by the Shopify app.
 */
export interface OrderSource {
  /**
   * The engine events each order updated at or after `since` implies now (placed or paid, each
   * refund, a cancellation), one array per order, with the ids the platform's webhooks carry.
   */
  listOrdersUpdatedSince(merchantId: string, since: Date): AsyncIterable<DomainEvent[]>;
}

/**
 * Keeps a shop's storefront tracking installed (Shopify: the app's web pixel, which reports the
 * visitor of a completed checkout). Install does it once; the hourly reconciliation calls it again
 * so shops installed before the tracking existed, or whose pixel was removed, get it back.
 * Idempotent: a shop that already has it in step is left as it is. Implemented by the Shopify app.
 */
export interface StorefrontTracking {
  ensure(merchantId: string, shopDomain: string): Promise<unknown>;
}

/** A referral reached approved: the advocate's friend bought and the referral counts. */
export type ReferralConvertedNotice = {
  merchantId: string;
  referralId: string;
  advocatePlatformCustomerId: string | null;
  advocateEmail: string | null;
  code: string | null;
  platformOrderId: string;
};

export type RewardIssuedNotice = {
  merchantId: string;
  rewardId: string;
  recipient: 'advocate' | 'friend';
  recipientPlatformCustomerId: string | null;
  code: string | null;
  kind: IssueRewardRequest['kind'];
  amountMinor: number;
  currency: string;
};

/**
 * Tells the platform about milestones so merchants can act on them (Shopify Flow triggers:
 * emails, tags, workflows). Called at most once per notice: a repeat would email people twice.
 */
export interface PlatformNotifier {
  referralConverted(notice: ReferralConvertedNotice): Promise<void>;
  rewardIssued(notice: RewardIssuedNotice): Promise<void>;
}

/** Which of a programme version's two checkout discounts: typed codes, or a signed cart attribute. */
export type CheckoutDiscountMethod = 'code' | 'automatic';

/** One programme version's checkout discount, as the platform is asked to make it. */
export type CheckoutDiscountSpec = {
  merchantId: string;
  method: CheckoutDiscountMethod;
  programVersionId: string;
  /** The version's number, for the merchant's view of the discount (title, tags). */
  version: number;
  /** The version's rules: the friend's offer and eligibility the discount's function applies. */
  rules: ProgramRules;
  currency: string;
  /** 1, then one more each time the platform lost the discount and it is made again. */
  generation: number;
  /** When the version takes effect (the discount starts then, or now if that is past). */
  effectiveFrom: Date;
};

/** A discount the platform made: its id and method. */
export type CheckoutDiscountRef = { merchantId: string; method: CheckoutDiscountMethod; platformId: string };

/** A redeem code of a code discount; its platform id is null when the platform did not say it. */
export type PlatformRedeemCode = { code: string; platformCodeId: string | null };

export type AddRedeemCodesResult = {
  added: PlatformRedeemCode[];
  /** Codes the platform refused; `taken` when another discount of the shop already has the code. */
  failed: { code: string; error: string; taken: boolean }[];
  /** The discount is gone from the platform (deleted behind our back): nothing was added. */
  discountMissing: boolean;
};

/**
 * The checkout discounts that make advocates' codes redeemable for the friend's offer: per
 * programme version a code discount whose redeem codes are the codes, and an automatic discount
 * for carts with a signed referral attribute; plus each advocate's own codes on their customer
 * record, so the discount never serves them. Implemented by the Shopify app. Every method is safe
 * to call again after a failure.
 */
export interface CheckoutDiscounts {
  /**
   * Makes the discount once per (version, method, generation), even across a crash between the
   * call and our record of it; a code discount is made carrying `firstCode` (its first redeem
   * code). `refused`: the platform would not take that code (another discount has it), nothing made.
   */
  create(
    spec: CheckoutDiscountSpec,
    firstCode: string | null,
  ): Promise<{ platformId: string; firstCode: PlatformRedeemCode | null } | { refused: string }>;
  /** Is it still there and active; its configuration is rewritten when it differs from `spec`'s. */
  verify(ref: CheckoutDiscountRef, spec: CheckoutDiscountSpec): Promise<'active' | 'inactive' | 'missing'>;
  /** Ends the discount for good (an older version's, or a paused programme's). */
  end(ref: CheckoutDiscountRef): Promise<void>;
  /** Adds redeem codes (any number; the adapter batches and waits for the platform's bulk jobs). */
  addCodes(ref: CheckoutDiscountRef, codes: string[]): Promise<AddRedeemCodesResult>;
  /** Removes redeem codes (a code already gone, or a discount gone, is not an error). */
  removeCodes(ref: CheckoutDiscountRef, codes: PlatformRedeemCode[]): Promise<void>;
  /** The discount's redeem codes, a page at a time (for reconciliation). */
  listCodes(ref: CheckoutDiscountRef): AsyncIterable<PlatformRedeemCode[]>;
  /** Writes each advocate's active codes on their platform customer; returns those it could not. */
  setAdvocateCodes(
    merchantId: string,
    owners: { platformCustomerId: string; codes: string[] }[],
  ): Promise<{ failed: { platformCustomerId: string; error: string }[] }>;
}
