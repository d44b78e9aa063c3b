export * from './map-to-events.js';
export * from './payloads.js';
export * from './route.js';
export * from './verify-hmac.js';
