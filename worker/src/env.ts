// The worker's environment, parsed once here; only composition roots import this file.
import { parseEnv } from '@referrals/core';
import { z } from 'zod';

export const workerEnvSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  PGLITE_DATA_DIR: z.string().default('./.data/pglite'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  IP_HASH_SALT: z.string().min(8).default('sandbox-ip-salt-change-me'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type WorkerEnv = z.infer<typeof workerEnvSchema>;

export const parseWorkerEnv = (env: NodeJS.ProcessEnv = process.env): WorkerEnv =>
  parseEnv(workerEnvSchema, env);
