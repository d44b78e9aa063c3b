// GET /api/shop - the shop the session token names.
import { z } from 'zod';
import { isoDateSchema } from './common.js';

export const shopResponseSchema = z.object({
  shopDomain: z.string().nullable(),
  status: z.enum(['active', 'uninstalled']),
  currency: z.string(),
  installedAt: isoDateSchema,
  connection: z
    .object({
      status: z.string(),
      /** Comma-separated, as Shopify grants them. */
      scopes: z.string().nullable(),
      expiresAt: isoDateSchema.nullable(),
    })
    .nullable(),
});
export type ShopResponse = z.infer<typeof shopResponseSchema>;
