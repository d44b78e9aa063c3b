import { clawBackRewardJob } from './claw-back-reward.js';
import { createFriendOfferJob } from './create-friend-offer.js';
import { crmFlushJob } from './crm-flush.js';
import { deactivateFriendOfferJob } from './deactivate-friend-offer.js';
import type { JobDefinition } from './define-job.js';
import { issueRewardJob } from './issue-reward.js';
import { notifyPlatformJob } from './notify-platform.js';
import { processInboundJob } from './process-inbound.js';
import { purgeRelayedOutboxJob } from './purge-relayed-outbox.js';
import { reconcileCheckoutCodesJob } from './reconcile-checkout-codes.js';
import { reconcileShopifyMerchantJob } from './reconcile-shopify-merchant.js';
import { reconcileShopifyOrdersJob } from './reconcile-shopify-orders.js';
import { releaseRewardJob } from './release-reward.js';
import { sweepCrmQueueJob } from './sweep-crm-queue.js';
import { sweepDueRewardsJob } from './sweep-due-rewards.js';
import { syncCheckoutCodesJob } from './sync-checkout-codes.js';
import { syncCrmJob } from './sync-crm.js';

export type {
  CrmSyncConfig,
  InboundResolver,
  InboundResolvers,
  JobDefinition,
  JobDeps,
} from './define-job.js';

export const jobs: JobDefinition[] = [
  processInboundJob,
  releaseRewardJob,
  issueRewardJob,
  clawBackRewardJob,
  createFriendOfferJob,
  deactivateFriendOfferJob,
  sweepDueRewardsJob,
  purgeRelayedOutboxJob,
  syncCrmJob,
  crmFlushJob,
  sweepCrmQueueJob,
  reconcileShopifyOrdersJob,
  reconcileShopifyMerchantJob,
  notifyPlatformJob,
  syncCheckoutCodesJob,
  reconcileCheckoutCodesJob,
];
