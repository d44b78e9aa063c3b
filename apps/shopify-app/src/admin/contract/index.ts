// The admin API contract: each route's request and response schemas, imported by the Express
// routes (apps/shopify-app/src/admin/api) and by the React hooks (apps/shopify-app/admin), so the
// two cannot drift. Only zod: it is bundled into the browser.
export * from './advocates.js';
export * from './common.js';
export * from './programs.js';
export * from './referrals.js';
export * from './rewards.js';
export * from './settings.js';
export * from './setup.js';
export * from './shop.js';
