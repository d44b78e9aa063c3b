// Checkout codes: every active advocate code redeemable at the platform's checkout for the
// friend's offer, kept in step by a job and reconciled (see sync-checkout-codes.ts).

export { type CheckoutSyncDescription, describeCheckoutSync } from './describe-checkout-sync.js';
export {
  type CheckoutOffer,
  checkoutOfferOf,
  planCheckoutSync,
  type SyncPlan,
} from './plan-checkout-sync.js';
export {
  MAX_CODE_ATTEMPTS,
  type SyncCheckoutCodesInput,
  type SyncCheckoutCodesResult,
  syncCheckoutCodes,
} from './sync-checkout-codes.js';
