export {
  type CalculatedReward,
  calculateReward,
  type RewardKind,
  type RewardOrder,
  type RewardSpec,
  rewardSpecSchema,
} from './calculate-reward.js';
export { type CapCheck, type Caps, type CapUsage, capsSchema, checkCaps } from './caps.js';
export { type Tier, tierBonusFor, tierSchema, tiersSchema } from './tiers.js';
