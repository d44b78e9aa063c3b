export * from './env.js';
export * from './jobs/index.js';
export * from './queues.js';
export * from './redis.js';
export * from './relay.js';
export * from './runtime.js';
export * from './sandbox.js';
