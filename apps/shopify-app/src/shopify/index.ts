export * from './admin-graphql.js';
export * from './api.js';
export * from './cost-limiter.js';
export { allDocuments } from './documents.js';
export * from './offline-sessions.js';
export * from './platform.js';
export * from './theme-setup.js';
