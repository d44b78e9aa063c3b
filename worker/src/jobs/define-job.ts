import type {
  CheckoutDiscounts,
  CrmPlatform,
  CrmWriter,
  DomainEvent,
  EngineContext,
  FriendOfferIssuer,
  findInboundEvent,
  InboundMappers,
  LoadCrmContactsOptions,
  OrderSource,
  PlatformNotifier,
  RewardIssuer,
  StorefrontTracking,
} from '@referrals/core';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { QueueName } from '../queues.js';

/** What a job handler may use; wired by the composition root. */
type InboundRow = NonNullable<Awaited<ReturnType<typeof findInboundEvent>>>;
export type InboundResolver = (row: InboundRow) => Promise<DomainEvent[]>;
export type InboundResolvers = Partial<Record<InboundRow['platform'], InboundResolver>>;

export type JobDeps = {
  engine: EngineContext;
  logger: Logger;
  rewardIssuer: RewardIssuer | null;
  /** Creates and switches off friends' welcome codes; null: friend-offer jobs wait for a retry. */
  friendOfferIssuer: FriendOfferIssuer | null;
  /** Advocates' codes as redeem codes at the platform's checkout; null: nothing is synced. */
  checkoutDiscounts: CheckoutDiscounts | null;
  /** Writes contact properties to the CRM (the HubSpot app's adapter); null: nothing is synced. */
  crmWriter: CrmWriter | null;
  crm: CrmSyncConfig;
  /** Reads platform orders back for reconciliation; null: reconciliation is skipped. */
  orderSource: OrderSource | null;
  /** Keeps each shop's storefront tracking (web pixel) installed; null: the reconcile skips it. */
  storefrontTracking: StorefrontTracking | null;
  /** Platform notifications (Shopify Flow triggers); null: notifications are skipped. */
  platformNotifier: PlatformNotifier | null;
  /** Platform payload -> engine events, per platform (internal events need none). */
  mappers: InboundMappers;
  /**
   * Platforms whose stored events need the platform's API before they mean anything (a HubSpot
   * deal-stage change: is the stage closed-won, who are the contacts). Runs outside the engine's
   * transaction; its events then go through the normal mapper path.
   */
  inboundResolvers: InboundResolvers;
  enqueue: (
    queue: QueueName,
    name: string,
    data: object,
    opts?: { jobId?: string; delay?: number },
  ) => Promise<void>;
};

/** How the CRM sync runs; the runtime fills in defaults. */
export type CrmSyncConfig = {
  platform: CrmPlatform;
  /** Changes within this window of the first one go out in one flush (and the flush waits this long). */
  flushDelayMs: number;
  /** Batches (of up to 100 contacts) one flush job writes before it hands over to a fresh job. */
  batchesPerFlush: number;
  /**
   * Batches one flush job has in progress at once (claim -> load -> write -> settle loops). One
   * serial loop leaves the CRM's request budget idle while it waits on PostgreSQL and on answers:
   * at HubSpot's pace (a slot every ~93 ms) and a few hundred ms per batch upsert, it takes about
   * six to keep every slot used.
   */
  flushConcurrency: number;
  /** Builds an advocate's referral link; set whenever a writer is. */
  linkFor: LoadCrmContactsOptions['linkFor'] | null;
};

export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  name: string;
  queue: QueueName;
  payloadSchema: S;
  handle: (payload: z.infer<S>, deps: JobDeps) => Promise<unknown>;
};

export const defineJob = <S extends z.ZodType>(job: JobDefinition<S>): JobDefinition<S> => job;
