// The Shopify app's environment, parsed once; only composition roots import this file.
import { parseEnv } from '@referrals/core';
import { z } from 'zod';

export const DEFAULT_SHOPIFY_SCOPES =
  'read_orders,read_customers,write_customers,write_discounts,write_store_credit_account_transactions,write_gift_cards,write_app_proxy,read_themes,write_pixels,read_customer_events';

export const shopifyEnvSchema = z
  .object({
    DATABASE_URL: z.string().url().optional(),
    PGLITE_DATA_DIR: z.string().default('./.data/pglite'),
    SHOPIFY_APP_PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    /** The app's client id (API key). Unset with the secret: sandbox mode against the emulator. */
    SHOPIFY_API_KEY: z.string().min(1).optional(),
    /** The app's API secret key: verifies webhook HMACs and session tokens. */
    SHOPIFY_API_SECRET: z.string().min(1).optional(),
    /** Where Shopify reaches the app (application_url in shopify.app.toml). */
    SHOPIFY_APP_URL: z.string().url().default('http://localhost:3000'),
    SHOPIFY_SCOPES: z.string().min(1).default(DEFAULT_SHOPIFY_SCOPES),
    /** The HubSpot app's public URL: "Connect HubSpot" in the admin sends the merchant there. */
    HUBSPOT_APP_URL: z.string().url().default('http://localhost:3001'),
    /** Send the app's Shopify traffic to this origin (a local emulator) instead of https://{shop}. */
    SHOPIFY_ADMIN_ORIGIN: z.string().url().optional(),
    /** 32 bytes (64 hex chars or base64) sealing tokens at rest. Required with real credentials. */
    ENCRYPTION_KEY: z.string().min(32).optional(),
    /** The sandbox emulator's port (sandbox mode only; 0 picks a free one). */
    SHOPIFY_EMULATOR_PORT: z.coerce.number().int().min(0).max(65_535).default(3002),
    /** The sandbox storefront's port (sandbox mode only; where the demo link's friend lands). */
    SHOPIFY_STOREFRONT_PORT: z.coerce.number().int().min(0).max(65_535).default(3004),
    IP_HASH_SALT: z.string().min(8).default('sandbox-ip-salt-change-me'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .refine((env) => !env.SHOPIFY_API_KEY === !env.SHOPIFY_API_SECRET, {
    message: 'Set both SHOPIFY_API_KEY and SHOPIFY_API_SECRET, or neither (sandbox).',
  })
  .refine((env) => !env.SHOPIFY_API_KEY || env.SHOPIFY_ADMIN_ORIGIN || env.ENCRYPTION_KEY, {
    message: 'ENCRYPTION_KEY is required when the app talks to the real Shopify.',
  });

export type ShopifyEnv = z.infer<typeof shopifyEnvSchema>;

export const parseShopifyEnv = (env: NodeJS.ProcessEnv = process.env): ShopifyEnv =>
  parseEnv(shopifyEnvSchema, env);
