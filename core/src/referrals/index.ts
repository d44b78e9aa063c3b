export {
  allowedTransitions,
  assertTransition,
  canTransition,
  type ReferralStatus,
  referralStatuses,
} from './state-machine.js';
