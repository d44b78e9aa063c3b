// Ports: what the engine needs from the outside world. Adapters live in the apps.

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

/** Writes referral facts onto CRM contacts. Implemented by the HubSpot app. */
export interface CrmSync {
  sync(changes: CrmChange[]): Promise<void>;
}
