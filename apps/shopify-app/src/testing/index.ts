// Test helpers other packages' tests use (the worker's end-to-end tests): never imported by the app.
export { appFunctions, friendOfferFunction } from '../discounts/friend-offer-function.js';
export * from '../proxy/testing.js';
export * from './pixel.js';
export * from './platform.js';
