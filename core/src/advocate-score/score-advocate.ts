// The advocate score: 0-100 from referrals, revenue, conversion and recency, less fraud flags, with
// the components that explain it. Pure and deterministic; the formula version is part of the result.
import { DomainError } from '../errors.js';
import { advocateScoreFormulas, CURRENT_FORMULA } from './formulas.js';
import {
  type AdvocateScore,
  type AdvocateScoreInput,
  advocateScoreInputSchema,
  type FormulaVersion,
} from './types.js';

export function scoreAdvocate(
  input: AdvocateScoreInput,
  formula: FormulaVersion = CURRENT_FORMULA,
): AdvocateScore {
  const parsed = advocateScoreInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new DomainError('VALIDATION', `Invalid advocate score input: ${parsed.error.message}`, {
      details: { issues: parsed.error.issues },
    });
  }
  const definition = advocateScoreFormulas[formula];
  if (!definition) throw new DomainError('VALIDATION', `Unknown advocate score formula ${formula}.`);
  const components = definition.components(parsed.data);
  const score = components.reduce((sum, c) => sum + c.points, 0);
  // A formula that breaks these is a bug: clamping would hide it and unlink score and components.
  if (!Number.isInteger(score) || score < 0 || score > 100) {
    throw new Error(`Advocate score formula ${formula} produced ${score}, outside 0-100.`);
  }
  return { score, formulaVersion: definition.version, components, computedAt: parsed.data.now };
}
