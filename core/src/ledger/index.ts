export * from './accounts.js';
export * from './post-transaction.js';
