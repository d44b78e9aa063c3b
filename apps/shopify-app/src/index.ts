export * from './compose.js';
export * from './env.js';
export * from './links/index.js';
export * from './reconcile/index.js';
export * from './rewards/index.js';
export * from './server.js';
export * from './shopify/index.js';
export * from './webhooks/index.js';
