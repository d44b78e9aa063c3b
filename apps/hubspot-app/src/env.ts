// The HubSpot app's environment, parsed once; only composition roots import this file.
import { parseEnv } from '@referrals/core';
import { z } from 'zod';

export const hubspotEnvSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  PGLITE_DATA_DIR: z.string().default('./.data/pglite'),
  HUBSPOT_APP_PORT: z.coerce.number().int().min(0).max(65_535).default(3001),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type HubSpotEnv = z.infer<typeof hubspotEnvSchema>;

export const parseHubSpotEnv = (env: NodeJS.ProcessEnv = process.env): HubSpotEnv =>
  parseEnv(hubspotEnvSchema, env);
