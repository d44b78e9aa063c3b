// Checkout visitors: the storefront web pixel's (order, visitor id) joins, for orders whose cart
// lost the referral attributes.
export * from './find-checkout-visitors.js';
export * from './record-checkout-visitor.js';
