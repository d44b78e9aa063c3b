// Runs the queues: one BullMQ Worker per queue dispatching by job name to the job definitions,
// the outbox relay, and the repeatable housekeeping jobs. close() drains in-flight jobs.
import {
  type CheckoutDiscounts,
  type CrmWriter,
  DomainError,
  type EngineContext,
  type FriendOfferIssuer,
  type InboundMappers,
  type OrderSource,
  type PlatformNotifier,
  type RewardIssuer,
  type StorefrontTracking,
} from '@referrals/core';
import { shopifyMapper } from '@referrals/shopify-app';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Logger } from 'pino';
import { type CrmSyncConfig, type InboundResolvers, type JobDeps, jobs } from './jobs/index.js';
import { DEFAULT_RECONCILE_WINDOW_HOURS } from './jobs/reconcile-shopify-orders.js';
import { narrateCrmFlush } from './narrate.js';
import {
  defaultJobOptions,
  producerConnection,
  type QueueName,
  queueNames,
  workerConnection,
} from './queues.js';
import { OutboxRelay } from './relay.js';

export type WorkerRuntimeOptions = {
  engine: EngineContext;
  redisUrl: string;
  logger: Logger;
  rewardIssuer?: RewardIssuer | null;
  /** Creates and switches off friends' welcome codes (the Shopify app's ShopifyFriendOfferIssuer). */
  friendOfferIssuer?: FriendOfferIssuer | null;
  /**
   * Advocates' codes as redeem codes of Shopify's checkout discounts (the Shopify app's
   * ShopifyCheckoutDiscounts): synced on every change and reconciled hourly (`checkoutCodes`).
   */
  checkoutDiscounts?: CheckoutDiscounts | null;
  checkoutCodes?: { reconcileEveryMs?: number };
  /** Writes referral facts onto CRM contacts (the HubSpot app's adapter); without it nothing is synced. */
  crmWriter?: CrmWriter | null;
  /** Required with a crmWriter: `linkFor` builds advocates' referral links. */
  crm?: CrmRuntimeOptions;
  /** Reads Shopify orders back hourly to catch dropped webhooks; without it nothing is reconciled. */
  orderSource?: OrderSource | null;
  /** Re-installs each shop's web pixel when it is missing, in the hourly reconciliation (the Shopify app's WebPixelSetup). */
  storefrontTracking?: StorefrontTracking | null;
  /** Platform notifications (the Shopify app's ShopifyFlowNotifier fires Flow triggers). */
  platformNotifier?: PlatformNotifier | null;
  /** Reconciliation schedule: every hour, looking back 26 hours, unless given. */
  reconcile?: { everyMs?: number; windowHours?: number };
  /** Defaults to every platform this build knows (Shopify webhooks). */
  mappers?: InboundMappers;
  /** Async resolvers for platforms whose events need API reads (HubSpot deals). */
  inboundResolvers?: InboundResolvers;
  concurrency?: number;
  /** Which queues this process consumes (default: all). The relay runs regardless. */
  consume?: readonly QueueName[];
  /** Shorter stall detection for tests that kill a worker mid-job. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  relayIdleMs?: number;
  housekeeping?: boolean;
  /** Redis key prefix (BullMQ's `prefix`); tests use one per file to stay apart. */
  prefix?: string;
  /** Log what happened in plain words (`narrate` lines: referral credited, reward held, ...). */
  narrate?: boolean;
};

export type CrmRuntimeOptions = Partial<CrmSyncConfig> & {
  /** How often the safety-net sweep looks for due contacts (default every minute; with housekeeping). */
  sweepEveryMs?: number;
};

/** A writer without `linkFor` is a wiring mistake: contacts would go out without their links. */
function crmConfig(writer: CrmWriter | null, options: CrmRuntimeOptions = {}): CrmSyncConfig {
  if (writer && !options.linkFor) throw new Error('startWorker: crm.linkFor is required with a crmWriter.');
  return {
    platform: options.platform ?? 'hubspot',
    flushDelayMs: options.flushDelayMs ?? 1000,
    batchesPerFlush: options.batchesPerFlush ?? 10,
    flushConcurrency: options.flushConcurrency ?? 6,
    linkFor: options.linkFor ?? null,
  };
}

export type WorkerRuntime = {
  queues: Record<QueueName, Queue>;
  relay: OutboxRelay;
  close(): Promise<void>;
};

/** Permanent failures stop retrying: bad payloads and domain errors other than RETRY_LATER. */
export function classifyError(error: unknown): unknown {
  if (error instanceof DomainError && error.code !== 'RETRY_LATER')
    return new UnrecoverableError(`${error.code}: ${error.message}`);
  if (error instanceof Error && error.name === 'ZodError')
    return new UnrecoverableError(`Invalid job payload: ${error.message}`);
  return error;
}

export async function startWorker(options: WorkerRuntimeOptions): Promise<WorkerRuntime> {
  const { logger } = options;
  const producer = producerConnection(options.redisUrl);
  producer.on('error', (err) => logger.debug({ err }, 'producer connection error'));
  const queues = Object.fromEntries(
    queueNames.map((name) => [
      name,
      new Queue(name, { connection: producer, defaultJobOptions, prefix: options.prefix ?? 'bull' }),
    ]),
  ) as Record<QueueName, Queue>;
  const deps: JobDeps = {
    engine: options.engine,
    logger,
    rewardIssuer: options.rewardIssuer ?? null,
    friendOfferIssuer: options.friendOfferIssuer ?? null,
    checkoutDiscounts: options.checkoutDiscounts ?? null,
    crmWriter: options.crmWriter ?? null,
    crm: crmConfig(options.crmWriter ?? null, options.crm),
    orderSource: options.orderSource ?? null,
    storefrontTracking: options.storefrontTracking ?? null,
    platformNotifier: options.platformNotifier ?? null,
    mappers: options.mappers ?? { shopify: shopifyMapper },
    inboundResolvers: options.inboundResolvers ?? {},
    enqueue: async (queue, name, data, opts) => {
      await queues[queue].add(name, data, opts);
    },
  };
  if (!deps.rewardIssuer) {
    logger.warn('No reward issuer configured: released rewards wait in the rewards queue until one is.');
  }
  const byName = new Map(jobs.map((j) => [j.name, j]));
  // The rewards queue waits in Redis until something can make its platform calls.
  const consumed = (options.consume ?? queueNames).filter(
    (q) => q !== 'rewards' || deps.rewardIssuer || deps.friendOfferIssuer || deps.checkoutDiscounts,
  );
  const workers = consumed.map((queueName) => {
    const worker = new Worker(
      queueName,
      async (job) => {
        const definition = byName.get(job.name);
        if (!definition || definition.queue !== queueName)
          throw new UnrecoverableError(`Unknown job ${queueName}/${job.name}`);
        try {
          const payload = definition.payloadSchema.parse(job.data);
          return await definition.handle(payload, deps);
        } catch (error) {
          throw classifyError(error);
        }
      },
      {
        connection: workerConnection(options.redisUrl),
        prefix: options.prefix ?? 'bull',
        concurrency: options.concurrency ?? 16,
        lockDuration: options.lockDurationMs ?? 30_000,
        stalledInterval: options.stalledIntervalMs ?? 30_000,
        maxStalledCount: 2,
      },
    );
    worker.on('failed', (job, err) =>
      logger.warn(
        { queue: queueName, job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, err },
        'job failed',
      ),
    );
    worker.on('error', (err) => logger.error({ err, queue: queueName }, 'worker error'));
    if (options.narrate) {
      worker.on('completed', (job, result) => {
        const told = job.name === 'crm-flush' ? narrateCrmFlush(deps.crm.platform, result) : null;
        if (told)
          logger.info(
            { event: 'crm.contacts_updated', merchantId: job.data.merchantId, narrate: told },
            told,
          );
      });
    }
    return worker;
  });
  const relay = new OutboxRelay(options.engine.db, queues, logger, {
    idleMs: options.relayIdleMs ?? 50,
    crm: deps.crmWriter !== null,
    narrate: options.narrate === true,
  });
  relay.start();
  if (options.housekeeping !== false) {
    await queues.scheduled.upsertJobScheduler(
      'sweep-due-rewards',
      { every: 60_000 },
      { name: 'sweep-due-rewards', data: {} },
    );
    await queues.scheduled.upsertJobScheduler(
      'purge-relayed-outbox',
      { every: 3_600_000 },
      { name: 'purge-relayed-outbox', data: {} },
    );
    if (deps.crmWriter) {
      await queues['crm-sync'].upsertJobScheduler(
        'sweep-crm-queue',
        { every: options.crm?.sweepEveryMs ?? 60_000 },
        { name: 'sweep-crm-queue', data: {} },
      );
    }
    if (deps.checkoutDiscounts) {
      await queues.scheduled.upsertJobScheduler(
        'reconcile-checkout-codes',
        { every: options.checkoutCodes?.reconcileEveryMs ?? 3_600_000 },
        { name: 'reconcile-checkout-codes', data: {} },
      );
    }
    if (deps.orderSource) {
      await queues.scheduled.upsertJobScheduler(
        'reconcile-shopify-orders',
        { every: options.reconcile?.everyMs ?? 3_600_000 },
        {
          name: 'reconcile-shopify-orders',
          data: { windowHours: options.reconcile?.windowHours ?? DEFAULT_RECONCILE_WINDOW_HOURS },
        },
      );
    }
  }
  logger.info({ queues: consumed }, 'worker started');
  return {
    queues,
    relay,
    async close() {
      await relay.stop();
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all(Object.values(queues).map((q) => q.close()));
      producer.disconnect();
    },
  };
}
