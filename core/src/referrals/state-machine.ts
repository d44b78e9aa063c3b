import { DomainError } from '../errors.js';

export const referralStatuses = [
  'pending',
  'qualified',
  'review',
  'approved',
  'rewarded',
  'rejected',
  'reversed',
] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

/**
 * The only moves a referral may make. `rejected` and `reversed` are terminal: a reversed reward is
 * corrected in the ledger, never by moving the referral back.
 */
export const allowedTransitions: Readonly<Record<ReferralStatus, readonly ReferralStatus[]>> = {
  pending: ['qualified', 'review', 'rejected'],
  qualified: ['approved', 'review', 'rejected'],
  review: ['approved', 'rejected'],
  approved: ['rewarded', 'reversed'],
  rewarded: ['reversed'],
  rejected: [],
  reversed: [],
};

export function canTransition(from: ReferralStatus, to: ReferralStatus): boolean {
  return allowedTransitions[from].includes(to);
}

/** Throws `ILLEGAL_TRANSITION` unless `from -> to` is in `allowedTransitions`. */
export function assertTransition(from: ReferralStatus, to: ReferralStatus): void {
  if (!canTransition(from, to)) {
    throw new DomainError('ILLEGAL_TRANSITION', `A referral cannot move from ${from} to ${to}`, {
      details: { from, to },
    });
  }
}
