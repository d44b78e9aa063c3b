// The registry of score formulas: a new version is a compile error until it is registered here.
import { formulaV1 } from './formula-v1.js';
import type { AdvocateScoreFormula, FormulaVersion } from './types.js';

export const advocateScoreFormulas: Readonly<Record<FormulaVersion, AdvocateScoreFormula>> = {
  v1: formulaV1,
};

/** The version new scores are computed with. */
export const CURRENT_FORMULA: FormulaVersion = 'v1';
