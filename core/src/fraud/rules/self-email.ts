import { z } from 'zod';
import { defineFraudRule, ruleScoreSchema } from '../define-fraud-rule.js';

export const selfEmailRule = defineFraudRule({
  type: 'self_email',
  configSchema: z.object({ score: ruleScoreSchema(100) }),
  evaluate: ({ advocate, friend }, { score }) =>
    advocate.emailNormalized !== null && advocate.emailNormalized === friend.emailNormalized
      ? { rule: 'self_email', score, reason: "Friend's email matches the advocate's email (normalised)" }
      : null,
});
