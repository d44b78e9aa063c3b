// The rewards routes' request and response schemas (shared by the Express routes and the admin).
import { z } from 'zod';
import { isoDateSchema, moneySchema, pageInfoSchema } from './common.js';

/** How the admin groups a reward's lifecycle. */
export const rewardStatusSchema = z.enum(['pending', 'issuing', 'issued', 'failed', 'clawed_back', 'voided']);
export type RewardStatus = z.infer<typeof rewardStatusSchema>;

export const rewardRecipientSchema = z.enum(['advocate', 'friend']);
export const rewardKindSchema = z.enum([
  'percent_discount',
  'fixed_discount',
  'store_credit',
  'gift_card',
  'points',
]);
export type RewardKind = z.infer<typeof rewardKindSchema>;

/** `status` may repeat (?status=failed&status=pending) or be comma-separated. */
const statusListSchema = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).filter(Boolean))
  .pipe(z.array(rewardStatusSchema).max(6));

/** GET /api/rewards/export.csv - the same filters as the list, without paging. */
export const rewardFilterQuerySchema = z.object({
  status: statusListSchema.optional(),
  recipient: rewardRecipientSchema.optional(),
  /** Part of the recipient's email. */
  query: z.string().trim().max(200).optional(),
});
export type RewardFilterQuery = z.infer<typeof rewardFilterQuerySchema>;

/** GET /api/rewards */
export const rewardListQuerySchema = rewardFilterQuerySchema.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type RewardListQuery = z.input<typeof rewardListQuerySchema>;

export const rewardSchema = z.object({
  id: z.string().uuid(),
  referralId: z.string().uuid().nullable(),
  recipient: rewardRecipientSchema,
  recipientEmail: z.string().nullable(),
  recipientName: z.string().nullable(),
  kind: rewardKindSchema,
  /** Value at grant time (a percent discount carries bps instead). */
  amount: moneySchema,
  bps: z.number().int().nullable(),
  /** Taken back so far by claw-backs. */
  reversed: moneySchema,
  status: rewardStatusSchema,
  reason: z.string(),
  createdAt: isoDateSchema,
  /** The release date: a pending reward is released (and issued) then. */
  holdUntil: isoDateSchema,
  releasedAt: isoDateSchema.nullable(),
  issuedAt: isoDateSchema.nullable(),
  /** Shopify's id of what was handed out (a gid, or discount:CODE). */
  platformRef: z.string().nullable(),
  /**
   * Why a failed reward is stuck: Shopify's last error when one was recorded, otherwise what the
   * app can tell; null unless failed.
   */
  issueError: z.string().nullable(),
  /** Issue calls made to Shopify so far. */
  issueAttempts: z.number().int(),
  /** When the last issue call was made; null before the first (or for older rewards). */
  lastIssueAttemptAt: isoDateSchema.nullable(),
  clawback: z
    .object({
      requested: moneySchema,
      recovered: moneySchema,
      shortfall: moneySchema,
      pending: z.number().int(),
      lastAt: isoDateSchema,
    })
    .nullable(),
});
export type Reward = z.infer<typeof rewardSchema>;

export const rewardListResponseSchema = z.object({
  rewards: z.array(rewardSchema),
  pageInfo: pageInfoSchema,
});
export type RewardListResponse = z.infer<typeof rewardListResponseSchema>;

/** POST /api/rewards/:rewardId/retry - a failed reward goes back to the issue queue. */
export const rewardRetryResponseSchema = z.object({ status: z.literal('queued') });
