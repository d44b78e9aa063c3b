export {
  type ComputeAdvocateScoreInput,
  type ComputeAdvocateScoresInput,
  computeAdvocateScore,
  computeAdvocateScores,
} from './compute-advocate-score.js';
export { advocateScoreFormulas, CURRENT_FORMULA } from './formulas.js';
export { type LoadAdvocateScoreInputs, loadAdvocateScoreInputs } from './repository.js';
export { scoreAdvocate } from './score-advocate.js';
export {
  type AdvocateScore,
  type AdvocateScoreFormula,
  type AdvocateScoreInput,
  advocateScoreInputSchema,
  type FormulaVersion,
  formulaVersionSchema,
  formulaVersions,
  type ParsedAdvocateScoreInput,
  type ScoreComponent,
  type ScoreComponentKey,
} from './types.js';
