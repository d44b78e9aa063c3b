export * from './cost.js';
export * from './schema.js';
export * from './server.js';
export * from './store.js';
export * from './webhooks.js';
