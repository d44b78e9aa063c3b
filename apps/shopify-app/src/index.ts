export * from './env.js';
export * from './server.js';
