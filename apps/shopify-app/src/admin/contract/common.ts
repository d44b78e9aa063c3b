// Shapes every admin route shares: money in integer minor units, pages of a list, the error body.
// This module (and the whole contract/) imports only zod: the admin's browser bundle uses it too.
import { z } from 'zod';

/** An amount in integer minor units of an ISO currency (points use PTS). */
export const moneySchema = z.object({ amountMinor: z.number().int(), currency: z.string().min(3).max(3) });
export type Money = z.infer<typeof moneySchema>;

/** Cursor pagination: `cursor` is opaque; a page without `nextCursor` is the last. */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

export const pageInfoSchema = z.object({ nextCursor: z.string().nullable() });

/** What every failed request answers (see core's describeError). */
export const apiErrorSchema = z.object({
  error: z.string(),
  message: z.string(),
  fields: z.record(z.string(), z.array(z.string())).optional(),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

/** Dates travel as ISO strings. */
export const isoDateSchema = z.string().datetime({ offset: true }).or(z.string().datetime());
