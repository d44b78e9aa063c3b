export { countReviewQueue } from './count-review-queue.js';
export { listRecentReferrals, type RecentReferral } from './list-recent-referrals.js';
export { type ListReferralsQuery, listReferrals, type ReferralListItem } from './list-referrals.js';
export * from './move-referral.js';
export * from './repository.js';
export {
  allowedTransitions,
  assertTransition,
  canTransition,
  type ReferralStatus,
  referralStatuses,
} from './state-machine.js';
