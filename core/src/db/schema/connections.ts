// Platform connections: sealed tokens per merchant and platform.
import { pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { bytea, createdAt, id, merchantId, ts } from './columns.js';

/** OAuth tokens for Shopify / HubSpot, encrypted with AES-256-GCM (see crypto/secrets.ts). */
export const platformConnections = pgTable(
  'platform_connections',
  {
    id: id(),
    merchantId: merchantId(),
    platform: text('platform', { enum: ['shopify', 'hubspot'] }).notNull(),
    externalAccountId: text('external_account_id').notNull(),
    accessTokenEnc: bytea('access_token_enc').notNull(),
    refreshTokenEnc: bytea('refresh_token_enc'),
    accessTokenExpiresAt: ts('access_token_expires_at'),
    scopes: text('scopes').notNull().default(''),
    status: text('status', { enum: ['active', 'reconnect_needed', 'revoked'] })
      .notNull()
      .default('active'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('platform_connections_merchant_platform_uq').on(t.merchantId, t.platform),
    uniqueIndex('platform_connections_platform_account_uq').on(t.platform, t.externalAccountId),
  ],
);
