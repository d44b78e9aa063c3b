// Queue names are contracts (DESIGN.md). Options follow BullMQ's production guide: bounded
// retention, exponential backoff, and separate connections for producers and workers.
import type { DefaultJobOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';

export const queueNames = ['inbound', 'rewards', 'crm-sync', 'scheduled'] as const;
export type QueueName = (typeof queueNames)[number];

export const defaultJobOptions: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 14 * 24 * 3600, count: 50_000 },
};

/** Workers block on Redis: they must retry forever rather than fail a command. */
export const workerConnection = (url: string, extra: RedisOptions = {}) =>
  new Redis(url, { maxRetriesPerRequest: null, ...extra });

/** Producers fail fast when Redis is down, so the outbox keeps the rows for the next try. */
export const producerConnection = (url: string) =>
  new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
