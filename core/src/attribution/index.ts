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
export type { OrderSignals } from './order-signals.js';
