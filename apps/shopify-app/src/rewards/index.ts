export { customerGid, deterministicCode } from './codes.js';
export * from './shopify-reward-issuer.js';
