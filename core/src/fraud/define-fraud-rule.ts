import { z } from 'zod';
import type { FraudContext, FraudFinding, FraudRuleType } from './types.js';

export type FraudRule<T extends FraudRuleType, C extends z.ZodType> = {
  type: T;
  /** Parses the rule's stored config; `parse({})` must succeed and yield the defaults. */
  configSchema: C;
  // Method syntax on purpose: it lets a precisely typed rule sit in a `FraudRuleDefinition` slot.
  evaluate(ctx: FraudContext, config: z.infer<C>): FraudFinding | null;
};

/** Any registered rule, with its config type erased. */
export type FraudRuleDefinition = FraudRule<FraudRuleType, z.ZodType>;

/** Identity function that pins down a rule's types; register the result in `fraudRules`. */
export function defineFraudRule<T extends FraudRuleType, C extends z.ZodType>(
  rule: FraudRule<T, C>,
): FraudRule<T, C> {
  return rule;
}

/** Every rule config carries the points it adds when it fires. */
export const ruleScoreSchema = (defaultScore: number) => z.number().min(0).max(100).default(defaultScore);
