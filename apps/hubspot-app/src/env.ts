// The HubSpot app's environment, parsed once; only composition roots import this file.
import { parseEnv } from '@referrals/core';
import { z } from 'zod';

export const hubspotEnvSchema = z
  .object({
    DATABASE_URL: z.string().url().optional(),
    PGLITE_DATA_DIR: z.string().default('./.data/pglite'),
    HUBSPOT_APP_PORT: z.coerce.number().int().min(0).max(65_535).default(3001),
    /** The HubSpot app's OAuth client id and secret. Unset: sandbox (a local HubSpot emulator). */
    HUBSPOT_CLIENT_ID: z.string().min(1).optional(),
    HUBSPOT_CLIENT_SECRET: z.string().min(1).optional(),
    /** Where HubSpot reaches this app (OAuth redirect, webhooks, the card's fetches). */
    HUBSPOT_APP_URL: z.string().url().default('http://localhost:3001'),
    /** HubSpot's API origin; tests and the sandbox point it at the emulator. */
    HUBSPOT_API_BASE: z.string().url().optional(),
    /** The Shopify app's public URL, where referral links are served. */
    SHOPIFY_APP_URL: z.string().url().default('http://localhost:3000'),
    ENCRYPTION_KEY: z.string().min(32).optional(),
    /** Redis for the per-portal rate limiter shared by every process. */
    REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
    /** The sandbox HubSpot emulator's port (sandbox mode only; 0 picks a free one). */
    HUBSPOT_EMULATOR_PORT: z.coerce.number().int().min(0).max(65_535).default(3003),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .refine((env) => !env.HUBSPOT_CLIENT_ID === !env.HUBSPOT_CLIENT_SECRET, {
    message: 'Set both HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET, or neither (sandbox).',
  });

export type HubSpotEnv = z.infer<typeof hubspotEnvSchema>;

export const parseHubSpotEnv = (env: NodeJS.ProcessEnv = process.env): HubSpotEnv =>
  parseEnv(hubspotEnvSchema, env);
