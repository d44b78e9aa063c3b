import type {
  CrmSync,
  EngineContext,
  FriendOfferIssuer,
  InboundMappers,
  OrderSource,
  PlatformNotifier,
  RewardIssuer,
} from '@referrals/core';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { QueueName } from '../queues.js';

/** What a job handler may use; wired by the composition root. */
export type JobDeps = {
  engine: EngineContext;
  logger: Logger;
  rewardIssuer: RewardIssuer | null;
  /** Creates and switches off friends' welcome codes; null: friend-offer jobs wait for a retry. */
  friendOfferIssuer: FriendOfferIssuer | null;
  crmSync: CrmSync | null;
  /** Reads platform orders back for reconciliation; null: reconciliation is skipped. */
  orderSource: OrderSource | null;
  /** Platform notifications (Shopify Flow triggers); null: notifications are skipped. */
  platformNotifier: PlatformNotifier | null;
  /** Platform payload -> engine events, per platform (internal events need none). */
  mappers: InboundMappers;
  enqueue: (
    queue: QueueName,
    name: string,
    data: object,
    opts?: { jobId?: string; delay?: number },
  ) => Promise<void>;
};

export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  name: string;
  queue: QueueName;
  payloadSchema: S;
  handle: (payload: z.infer<S>, deps: JobDeps) => Promise<unknown>;
};

export const defineJob = <S extends z.ZodType>(job: JobDefinition<S>): JobDefinition<S> => job;
