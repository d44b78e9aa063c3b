export * from './attribute-order.js';
export {
  type AttributionDecision,
  type AttributionInput,
  type AttributionModel,
  type AttributionRule,
  type AttributionSignal,
  decideAttribution,
  type Touch,
  type TouchSource,
} from './decide-attribution.js';
export * from './explain-order.js';
export * from './explain-referral.js';
export * from './gather-touches.js';
export * from './reattribute-order.js';
