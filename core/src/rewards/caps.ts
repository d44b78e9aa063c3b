import { DomainError } from '../errors.js';
import type { Cap, Caps } from '../programs/index.js';

/** What the advocate has already been granted, before the reward being checked. */
export type CapUsage = {
  monthCount: number;
  monthAmountMinor: number;
  lifetimeCount: number;
  lifetimeAmountMinor: number;
};

export type CapCheck = {
  allowed: boolean;
  /** The reward to grant: the requested amount, trimmed to fit an amount cap, or 0 when blocked. */
  amountMinor: number;
  /** Why the reward was blocked or trimmed; null when it passes untouched. */
  reason: string | null;
};

type Period = {
  label: string;
  cap: Cap | undefined;
  count: number;
  amountMinor: number;
};

/** A count cap blocks the reward; an amount cap trims it to what remains, and blocks when nothing does. */
export function checkCaps(caps: Caps, usage: CapUsage, next: { amountMinor: number }): CapCheck {
  if (!Number.isSafeInteger(next.amountMinor) || next.amountMinor < 0) {
    throw new DomainError('VALIDATION', 'Reward amount must be a non-negative integer', {
      details: { next },
    });
  }
  const periods: Period[] = [
    {
      label: 'monthly',
      cap: caps.perAdvocatePerMonth,
      count: usage.monthCount,
      amountMinor: usage.monthAmountMinor,
    },
    {
      label: 'lifetime',
      cap: caps.lifetime,
      count: usage.lifetimeCount,
      amountMinor: usage.lifetimeAmountMinor,
    },
  ];

  for (const { label, cap, count } of periods) {
    if (cap?.count !== undefined && count >= cap.count) {
      return {
        allowed: false,
        amountMinor: 0,
        reason: `The ${label} cap of ${cap.count} rewards is reached`,
      };
    }
  }

  let amountMinor = next.amountMinor;
  let reason: string | null = null;
  for (const { label, cap, amountMinor: used } of periods) {
    if (cap?.amountMinor === undefined) continue;
    const remaining = Math.max(0, cap.amountMinor - used);
    if (remaining === 0) {
      return {
        allowed: false,
        amountMinor: 0,
        reason: `The ${label} reward amount cap of ${cap.amountMinor} is reached`,
      };
    }
    if (remaining < amountMinor) {
      amountMinor = remaining;
      reason = `Reduced from ${next.amountMinor} to ${remaining} to fit the ${label} amount cap of ${cap.amountMinor}`;
    }
  }
  return { allowed: true, amountMinor, reason };
}
