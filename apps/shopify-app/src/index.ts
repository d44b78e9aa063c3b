export * from './env.js';
export * from './server.js';
export * from './webhooks/index.js';
