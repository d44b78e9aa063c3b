// Core functions and types only tests need (kept out of the public index).
export { computeAdvocateScore } from '../advocate-score/index.js';
export { disableCode } from '../advocates/index.js';
export type { DomainEventInput } from '../events/index.js';
export { type FriendOffer, findFriendOffer } from '../friend-offers/index.js';
export { accountBalance, accountKeys } from '../ledger/index.js';
export { markMerchantUninstalled } from '../merchants/index.js';
export { countPendingOutbox } from '../outbox/index.js';
export { programRulesSchema } from '../programs/index.js';
export * from './builders.js';
export * from './database.js';
export * from './deliver.js';
export * from './recording-crm-writer.js';
export * from './recording-issuer.js';
export * from './rows.js';
export * from './seed-advocates.js';
