export * from './accounts.js';
export * from './post-transaction.js';
export * from './recipient-key.js';
