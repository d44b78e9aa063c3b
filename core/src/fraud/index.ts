export { buildFraudContext } from './build-fraud-context.js';
export { defineFraudRule, type FraudRule, type FraudRuleDefinition } from './define-fraud-rule.js';
export { evaluateFraud, type FraudDecision, type FraudEvaluation } from './evaluate-fraud.js';
export { type FraudSettings, type FraudSettingsInput, fraudSettingsSchema } from './fraud-settings.js';
export { fraudRules } from './registry.js';
export { isDisposableDomain } from './rules/disposable-email.js';
export { type FraudContext, type FraudFinding, type FraudRuleType, fraudRuleTypes } from './types.js';
