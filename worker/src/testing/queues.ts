// Real BullMQ queues on Redis for tests of code that enqueues: a fresh key prefix per call, the
// runtime's job options, and `enqueue` as the runtime wires it. Tests read back what Redis holds
// (jobs, their ids, delays and states) and the queue's own event stream, never a recording.
import { randomBytes } from 'node:crypto';
import { type JobType, Queue } from 'bullmq';
import type { JobDeps } from '../jobs/define-job.js';
import { defaultJobOptions, producerConnection, type QueueName, queueNames } from '../queues.js';

export const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const everyState: JobType[] = [
  'active',
  'waiting',
  'waiting-children',
  'prioritized',
  'delayed',
  'paused',
  'completed',
  'failed',
];

export type QueuedJob = { id: string | undefined; name: string; data: unknown; delay: number; state: string };

export type TestQueues = {
  prefix: string;
  queues: Record<QueueName, Queue>;
  /** As `startWorker` wires `JobDeps.enqueue`: `Queue.add` on the named queue. */
  enqueue: JobDeps['enqueue'];
  /** Every job the queue holds, in any state, in the order they were added. */
  jobs(queue: QueueName): Promise<QueuedJob[]>;
  /**
   * The job id of every add the queue received, in order, from its event stream: a new job
   * (`added`) or one whose id was already taken and so changed nothing (`duplicated`).
   */
  adds(queue: QueueName): Promise<{ jobId: string; outcome: 'added' | 'duplicated' }[]>;
  /** Removes every key under the prefix and disconnects. */
  close(): Promise<void>;
};

export async function openTestQueues(): Promise<TestQueues> {
  const prefix = `t-${randomBytes(4).toString('hex')}`;
  const connection = producerConnection(redisUrl);
  connection.on('error', () => {});
  const queues = Object.fromEntries(
    queueNames.map((name) => [name, new Queue(name, { connection, defaultJobOptions, prefix })]),
  ) as Record<QueueName, Queue>;
  await Promise.all(Object.values(queues).map((q) => q.waitUntilReady()));
  const adds: TestQueues['adds'] = async (queue) => {
    const out: { jobId: string; outcome: 'added' | 'duplicated' }[] = [];
    for (const [, fields] of await connection.xrange(queues[queue].keys.events!, '-', '+')) {
      const event: Record<string, string> = {};
      for (let i = 0; i + 1 < fields.length; i += 2) event[fields[i]!] = fields[i + 1]!;
      if ((event.event === 'added' || event.event === 'duplicated') && event.jobId) {
        out.push({ jobId: event.jobId, outcome: event.event });
      }
    }
    return out;
  };
  return {
    prefix,
    queues,
    enqueue: async (queue, name, data, opts) => {
      await queues[queue].add(name, data, opts);
    },
    async jobs(queue) {
      const order = (await adds(queue)).filter((a) => a.outcome === 'added').map((a) => a.jobId);
      const found = await queues[queue].getJobs(everyState);
      const rows = await Promise.all(
        found.map(async (job) => ({
          id: job.id,
          name: job.name,
          data: job.data as unknown,
          delay: job.delay,
          state: await job.getState(),
        })),
      );
      return rows.sort((a, b) => order.indexOf(a.id ?? '') - order.indexOf(b.id ?? ''));
    },
    adds,
    async close() {
      await Promise.all(Object.values(queues).map((q) => q.obliterate({ force: true })));
      await Promise.all(Object.values(queues).map((q) => q.close()));
      connection.disconnect();
    },
  };
}
