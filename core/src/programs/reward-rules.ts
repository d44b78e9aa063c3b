// The reward part of a program's rule language: what each side receives, caps and tier bonuses.
// Programs own these schemas (they are stored in program versions); rewards/ computes with them.
import { z } from 'zod';

const positiveMinorSchema = z.int().positive();
/** 1 bp = 0.01 %; 10_000 bps = 100 %. */
const bpsSchema = z.int().min(1).max(10_000);

/** Store credit and gift cards are either a fixed amount or a share of the order subtotal. */
const fixedOrPercent = <K extends string>(kind: K) =>
  z
    .object({ kind: z.literal(kind), amountMinor: positiveMinorSchema.optional(), bps: bpsSchema.optional() })
    .refine((spec) => (spec.amountMinor === undefined) !== (spec.bps === undefined), {
      message: 'Set exactly one of amountMinor or bps',
    });

/** What an advocate or friend receives, as stored in a program's rules. */
export const rewardSpecSchema = z.discriminatedUnion('kind', [
  /** A percentage discount code; its money value is only known at the friend's checkout. */
  z.object({ kind: z.literal('percent_discount'), bps: bpsSchema }),
  z.object({ kind: z.literal('fixed_discount'), amountMinor: positiveMinorSchema }),
  fixedOrPercent('store_credit'),
  fixedOrPercent('gift_card'),
  z.object({ kind: z.literal('points'), points: positiveMinorSchema }),
]);
export type RewardSpec = z.infer<typeof rewardSpecSchema>;
export type RewardKind = RewardSpec['kind'];

export const capSchema = z.object({
  /** Most rewards in the period. */
  count: z.int().nonnegative().optional(),
  /** Most reward value in the period, in the program currency's minor units. */
  amountMinor: z.int().nonnegative().optional(),
});

export const capsSchema = z.object({
  perAdvocatePerMonth: capSchema.optional(),
  lifetime: capSchema.optional(),
});
export type Caps = z.infer<typeof capsSchema>;
export type Cap = z.infer<typeof capSchema>;

/** An extra reward at an advocate's Nth successful referral. */
export const tierSchema = z.object({ atReferral: z.int().min(1), bonus: rewardSpecSchema });
export type Tier = z.infer<typeof tierSchema>;

/** A program's tiers; two bonuses at the same count would be ambiguous. */
export const tiersSchema = z
  .array(tierSchema)
  .refine((tiers) => new Set(tiers.map((t) => t.atReferral)).size === tiers.length, {
    message: 'Each tier needs a different atReferral',
  });
