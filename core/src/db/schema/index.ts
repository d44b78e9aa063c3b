// The domain model of DESIGN.md, one file per capability (ARCHITECTURE.md lists which folder owns
// which table). Every row carries merchant_id, and row-level security confines tenant transactions
// to one merchant (migration 0006). Unique keys are the idempotency guarantee: a replayed event
// collides and writes nothing.
export * from './advocates.js';
export * from './attribution.js';
export * from './audit.js';
export * from './checkout-codes.js';
export * from './checkout-visitors.js';
export * from './clicks.js';
export * from './connections.js';
export * from './crm.js';
export * from './customers.js';
export * from './friend-offers.js';
export * from './intake.js';
export * from './ledger.js';
export * from './merchants.js';
export * from './orders.js';
export * from './outbox.js';
export * from './platform-operations.js';
export * from './privacy.js';
export * from './programs.js';
export * from './referrals.js';
export * from './rewards.js';
