import { z } from 'zod';
import { DomainError } from '../errors.js';
import { applyBasisPoints, currencySchema, POINTS_CURRENCY } from '../money/index.js';

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

export type RewardOrder = { subtotalMinor: number; currency: string };

export type CalculatedReward = {
  kind: RewardKind;
  /** 0 for percent discounts (realised at checkout); points for `points`. */
  amountMinor: number;
  /** The order's currency, or `PTS` for points. */
  currency: string;
  /** The percentage the reward was computed from, if any. */
  bps: number | null;
};

const orderSchema = z.object({ subtotalMinor: z.int().nonnegative(), currency: currencySchema });

/** The value of a reward for a given order. Percent store credit rounds down: never pay out a fraction. */
export function calculateReward(spec: RewardSpec, order: RewardOrder): CalculatedReward {
  const parsed = orderSchema.safeParse(order);
  if (!parsed.success || order.currency === POINTS_CURRENCY) {
    throw new DomainError('VALIDATION', 'Order needs a non-negative integer subtotal and a real currency', {
      details: { order },
    });
  }
  const { currency, subtotalMinor } = order;
  switch (spec.kind) {
    case 'percent_discount':
      return { kind: spec.kind, amountMinor: 0, currency, bps: spec.bps };
    case 'fixed_discount':
      return { kind: spec.kind, amountMinor: spec.amountMinor, currency, bps: null };
    case 'store_credit':
    case 'gift_card':
      return spec.bps === undefined
        ? { kind: spec.kind, amountMinor: spec.amountMinor ?? 0, currency, bps: null }
        : {
            kind: spec.kind,
            amountMinor: applyBasisPoints(subtotalMinor, spec.bps, 'down'),
            currency,
            bps: spec.bps,
          };
    case 'points':
      return { kind: spec.kind, amountMinor: spec.points, currency: POINTS_CURRENCY, bps: null };
    default:
      return spec satisfies never;
  }
}
