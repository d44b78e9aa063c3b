import { z } from 'zod';
import { DomainError } from '../errors.js';
import { applyBasisPoints, currencySchema, POINTS_CURRENCY } from '../money/index.js';
import type { RewardSpec } from '../programs/index.js';

export type RewardOrder = { subtotalMinor: number; currency: string };

export type CalculatedReward = {
  kind: RewardSpec['kind'];
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
