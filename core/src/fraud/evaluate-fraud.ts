import type { FraudRuleDefinition } from './define-fraud-rule.js';
import type { FraudSettings } from './fraud-settings.js';
import { fraudRules } from './registry.js';
import { type FraudContext, type FraudFinding, fraudRuleTypes } from './types.js';

export type FraudDecision = 'approve' | 'review' | 'reject';
export type FraudEvaluation = { score: number; findings: FraudFinding[]; decision: FraudDecision };

/** Runs every enabled rule; scores add up (capped at 100) and the thresholds turn them into a decision. */
export function evaluateFraud(ctx: FraudContext, settings: FraudSettings): FraudEvaluation {
  const findings: FraudFinding[] = [];
  for (const type of fraudRuleTypes) {
    const rule: FraudRuleDefinition = fraudRules[type];
    const configured = settings.rules[type];
    if (configured?.enabled === false) continue;
    const finding = rule.evaluate(ctx, configured ?? rule.configSchema.parse({}));
    if (finding) findings.push(finding);
  }
  const score = Math.min(
    100,
    findings.reduce((sum, finding) => sum + finding.score, 0),
  );
  const decision: FraudDecision =
    score >= settings.rejectAt ? 'reject' : score >= settings.reviewAt ? 'review' : 'approve';
  return { score, findings, decision };
}
