import { clawBackRewardJob } from './claw-back-reward.js';
import type { JobDefinition } from './define-job.js';
import { issueRewardJob } from './issue-reward.js';
import { processInboundJob } from './process-inbound.js';
import { purgeRelayedOutboxJob } from './purge-relayed-outbox.js';
import { releaseRewardJob } from './release-reward.js';
import { sweepDueRewardsJob } from './sweep-due-rewards.js';
import { syncCrmJob } from './sync-crm.js';

export type { JobDefinition, JobDeps } from './define-job.js';

export const jobs: JobDefinition[] = [
  processInboundJob,
  releaseRewardJob,
  issueRewardJob,
  clawBackRewardJob,
  sweepDueRewardsJob,
  purgeRelayedOutboxJob,
  syncCrmJob,
];
