// The outbox relay: moves committed outbox rows onto queues. If Redis is down the add fails,
// the claiming transaction rolls back and the rows wait for the next pass (nothing is lost).
import { type Database, type OutboxRow, type OutboxTopic, relayOutbox } from '@referrals/core';
import type { JobsOptions, Queue } from 'bullmq';
import type { Logger } from 'pino';
import { checkoutSyncRequest } from './jobs/sync-checkout-codes.js';
import { narrateOutbox } from './narrate.js';
import type { QueueName } from './queues.js';

type Route = { queue: QueueName; name: string; data: object; opts: JobsOptions };

const toCrm = (row: OutboxRow): Route => ({
  queue: 'crm-sync',
  name: 'contact-changed',
  data: { merchantId: row.merchantId, outboxId: row.id, topic: row.topic, aggregateId: row.aggregateId },
  opts: { jobId: `crm-${row.id}` },
});

const p = (row: OutboxRow) => row.payload as Record<string, string>;

const notify = (row: OutboxRow, notice: 'referral_converted' | 'reward_issued', id: string): Route => ({
  queue: 'rewards',
  name: 'notify-platform',
  data: { merchantId: row.merchantId, notice, id },
  opts: { jobId: `notify-${notice}-${id}` },
});

/** The shop's checkout sync of this moment's window (its codes at checkout changed). */
const toCheckoutSync = (row: OutboxRow, now: number): Route => {
  const request = checkoutSyncRequest(row.merchantId, now);
  return {
    queue: 'rewards',
    name: 'sync-checkout-codes',
    data: request.data,
    opts: { jobId: request.jobId, delay: request.delay },
  };
};

/** A version published to take effect later is synced again when it does. */
const atEffectiveFrom = (row: OutboxRow, now: number): Route[] => {
  const at = Date.parse(p(row).effectiveFrom ?? '');
  if (!(at > now)) return [];
  const request = checkoutSyncRequest(row.merchantId, at);
  return [
    {
      queue: 'rewards',
      name: 'sync-checkout-codes',
      data: request.data,
      opts: { jobId: `${request.jobId}-effective`, delay: request.delay + (at - now) },
    },
  ];
};

/** A referral converts when a move passes through approved (possibly with other steps). */
const convertsIn = (row: OutboxRow): boolean => {
  const payload = row.payload as { to?: string; path?: string[] };
  return payload.to === 'approved' || (payload.path ?? []).includes('approved');
};

/** Where each topic goes. A Record, so a new topic is a compile error until it is routed. */
export const routes: Record<OutboxTopic, (row: OutboxRow, now: number) => Route[]> = {
  'inbound.received': (row) => [
    {
      queue: 'inbound',
      name: 'process-inbound',
      data: { merchantId: row.merchantId, inboundEventId: p(row).inboundEventId },
      opts: { jobId: `inbound-${p(row).inboundEventId}` },
    },
  ],
  'reward.held': (row, now) => [
    {
      queue: 'scheduled',
      name: 'release-reward',
      data: { merchantId: row.merchantId, rewardId: p(row).rewardId },
      opts: { jobId: `release-${p(row).rewardId}`, delay: Math.max(0, Date.parse(p(row).holdUntil!) - now) },
    },
    toCrm(row),
  ],
  'reward.released': (row) => [
    {
      queue: 'rewards',
      name: 'issue-reward',
      data: { merchantId: row.merchantId, rewardId: p(row).rewardId },
      opts: { jobId: `issue-${p(row).rewardId}` },
    },
  ],
  'reward.clawback_requested': (row) => [
    {
      queue: 'rewards',
      name: 'claw-back-reward',
      data: { merchantId: row.merchantId, clawbackId: p(row).clawbackId },
      opts: { jobId: `clawback-${p(row).clawbackId}` },
    },
  ],
  'friend_offer.created': (row) => [
    {
      queue: 'rewards',
      name: 'create-friend-offer',
      data: { merchantId: row.merchantId, offerId: p(row).offerId },
      opts: { jobId: `friend-offer-${p(row).offerId}` },
    },
  ],
  'friend_offer.deactivate': (row) => [
    {
      queue: 'rewards',
      name: 'deactivate-friend-offer',
      data: { merchantId: row.merchantId, offerId: p(row).offerId },
      opts: { jobId: `friend-offer-off-${p(row).offerId}` },
    },
  ],
  'advocate.enrolled': (row) => [toCrm(row)],
  'referral_code.created': (row, now) => [toCheckoutSync(row, now)],
  'referral_code.disabled': (row, now) => [toCheckoutSync(row, now)],
  'advocate.status_changed': (row, now) => [toCheckoutSync(row, now)],
  'program.version_published': (row, now) => [toCheckoutSync(row, now), ...atEffectiveFrom(row, now)],
  'program.status_changed': (row, now) => [toCheckoutSync(row, now)],
  'referral.created': (row) => [toCrm(row)],
  'referral.status_changed': (row) => [
    toCrm(row),
    ...(convertsIn(row) ? [notify(row, 'referral_converted', p(row).referralId!)] : []),
  ],
  'reward.issued': (row) => [toCrm(row), notify(row, 'reward_issued', p(row).rewardId!)],
  'reward.voided': (row) => [toCrm(row)],
  'reward.clawed_back': (row) => [toCrm(row)],
};

export type RelayOptions = {
  batchSize?: number;
  idleMs?: number;
  maxBackoffMs?: number;
  /** Route state changes to crm-sync (only when a CRM adapter consumes them). */
  crm?: boolean;
  /** A publish that takes longer fails (Redis unreachable), so the claim never holds a transaction long. */
  publishTimeoutMs?: number;
  /** Log a plain-words line for each relayed fact worth telling (narrate.ts); `npm start` turns it on. */
  narrate?: boolean;
};

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  relayed = 0;

  constructor(
    private readonly db: Database,
    private readonly queues: Record<QueueName, Queue>,
    private readonly logger: Logger,
    private readonly options: RelayOptions = {},
  ) {}

  /** Relays one batch; returns how many rows went out. */
  async relayOnce(): Promise<number> {
    let published: readonly OutboxRow[] = [];
    const n = await relayOutbox(
      this.db,
      async (rows) => {
        published = rows;
        const now = Date.now();
        const byQueue = new Map<QueueName, Route[]>();
        for (const row of rows) {
          for (const route of routes[row.topic as OutboxTopic]?.(row, now) ?? []) {
            if (route.queue === 'crm-sync' && this.options.crm === false) continue;
            byQueue.set(route.queue, [...(byQueue.get(route.queue) ?? []), route]);
          }
        }
        await withTimeout(
          Promise.all(
            [...byQueue].map(([queue, list]) =>
              this.queues[queue].addBulk(list.map((r) => ({ name: r.name, data: r.data, opts: r.opts }))),
            ),
          ),
          this.options.publishTimeoutMs ?? 5000,
          'Publishing to Redis',
        );
      },
      this.options.batchSize ?? 500,
    );
    this.relayed += n;
    // After the commit, off the relay's path: the story is told, never waited for.
    if (this.options.narrate && published.length > 0) void narrateOutbox(this.db, this.logger, published);
    return n;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Skips the idle wait: call after writing outbox rows to cut latency. */
  nudge(): void {
    this.wake?.();
  }

  private async run(): Promise<void> {
    let backoff = 0;
    while (this.running) {
      try {
        const n = await this.relayOnce();
        backoff = 0;
        if (n > 0) continue;
      } catch (error) {
        backoff = Math.min(this.options.maxBackoffMs ?? 5000, Math.max(200, backoff * 2));
        this.logger.warn({ err: error, retryInMs: backoff }, 'outbox relay failed; rows stay until relayed');
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, backoff || (this.options.idleMs ?? 50));
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }
}
