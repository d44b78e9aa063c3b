// The settings routes' request and response schemas (shared by the Express routes and the admin).
import { z } from 'zod';
import { isoDateSchema } from './common.js';

export const crmSyncSchema = z.object({
  /** Contacts waiting to be written to HubSpot. */
  pending: z.number().int(),
  /** Of those, contacts whose last write failed and that are backing off. */
  retrying: z.number().int(),
  oldestPendingAt: isoDateSchema.nullable(),
  parkedReason: z.enum(['daily_limit', 'reconnect_needed']).nullable(),
  parkedUntil: isoDateSchema.nullable(),
  lastError: z.object({ message: z.string(), retryAt: isoDateSchema }).nullable(),
  backfill: z.object({ startedAt: isoDateSchema.nullable(), doneAt: isoDateSchema.nullable() }),
  /** When contacts were last written to HubSpot; null before the first write. */
  lastSuccessAt: isoDateSchema.nullable(),
});
export type CrmSync = z.infer<typeof crmSyncSchema>;

export const hubspotSettingsSchema = z.object({
  /** Whether this deployment has a HubSpot app to connect to. */
  available: z.boolean(),
  connected: z.boolean(),
  portalId: z.string().nullable(),
  status: z.enum(['active', 'reconnect_needed', 'revoked']).nullable(),
  /** Null when no portal is connected. */
  sync: crmSyncSchema.nullable(),
});
export type HubspotSettings = z.infer<typeof hubspotSettingsSchema>;

export const webhookTopicSchema = z.object({
  platform: z.enum(['shopify', 'hubspot']),
  topic: z.string(),
  received: z.number().int(),
  failed: z.number().int(),
  waiting: z.number().int(),
  lastReceivedAt: isoDateSchema,
  lastFailedAt: isoDateSchema.nullable(),
});
export type WebhookTopic = z.infer<typeof webhookTopicSchema>;

/** Advocates' codes as Shopify discount codes: where the sync to the shop's checkout stands. */
export const checkoutCodesSchema = z.object({
  /** Codes that work as discount codes at checkout now. */
  codesPlaced: z.number().int(),
  /** Whether the programme in force has its code discount (and the link discount) on Shopify. */
  codeDiscountActive: z.boolean(),
  automaticDiscountActive: z.boolean(),
  lastSyncedAt: isoDateSchema.nullable(),
  lastReconciledAt: isoDateSchema.nullable(),
  /** Consecutive failed runs and the last run's error; 0 and null when the last run went through. */
  failures: z.number().int(),
  lastError: z.string().nullable(),
  /** Codes Shopify refused since their last success (at most 10), and how many there are in all. */
  failingCodes: z.array(z.object({ code: z.string(), attempts: z.number().int() })),
  failingCodeCount: z.number().int(),
});
export type CheckoutCodes = z.infer<typeof checkoutCodesSchema>;

/** GET /api/settings */
export const settingsResponseSchema = z.object({
  hubspot: hubspotSettingsSchema,
  checkoutCodes: checkoutCodesSchema,
  webhooks: z.object({ windowDays: z.number().int(), topics: z.array(webhookTopicSchema) }),
});
export type SettingsResponse = z.infer<typeof settingsResponseSchema>;

/** POST /api/integrations/hubspot/connect (existing route) */
export const hubspotConnectResponseSchema = z.object({ url: z.string().url() });

/** GET /api/privacy-requests (existing route): compliance requests Shopify sent and what we did. */
export const privacyRequestSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['customer_data_request', 'customer_redact']),
    status: z.string(),
    createdAt: isoDateSchema,
  })
  .passthrough();
export type PrivacyRequest = z.infer<typeof privacyRequestSchema>;
export const privacyRequestListResponseSchema = z.object({ privacyRequests: z.array(privacyRequestSchema) });
