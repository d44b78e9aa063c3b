export { type CalculatedReward, calculateReward, type RewardOrder } from './calculate-reward.js';
export { type CapCheck, type CapUsage, checkCaps } from './caps.js';
export * from './claw-back-reward.js';
export * from './grant-rewards.js';
export * from './issue-reward.js';
export * from './reconcile-order-rewards.js';
export * from './release-reward.js';
export { tierBonusFor } from './tiers.js';
