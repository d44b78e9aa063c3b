export { customerGid, deterministicCode } from './codes.js';
export { DiscountCodes, type DiscountSpec } from './discount-codes.js';
export * from './friend-offers.js';
export * from './shopify-reward-issuer.js';
