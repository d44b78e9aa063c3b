// The Shopify app's environment, parsed once; only composition roots import this file.
import { parseEnv } from '@referrals/core';
import { z } from 'zod';

export const shopifyEnvSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  PGLITE_DATA_DIR: z.string().default('./.data/pglite'),
  SHOPIFY_APP_PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  /** The app's API secret key: verifies webhook HMACs. Unset (sandbox): webhooks answer 503. */
  SHOPIFY_API_SECRET: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type ShopifyEnv = z.infer<typeof shopifyEnvSchema>;

export const parseShopifyEnv = (env: NodeJS.ProcessEnv = process.env): ShopifyEnv =>
  parseEnv(shopifyEnvSchema, env);
