import { z } from 'zod';
import { maskEmail } from '../../identity/index.js';
import { defineFraudRule, ruleScoreSchema } from '../define-fraud-rule.js';

/** Certain: the friend's inbox is the advocate's own. Scores the reject threshold on its own. */
export const selfEmailRule = defineFraudRule({
  type: 'self_email',
  configSchema: z.object({ score: ruleScoreSchema(100) }),
  evaluate: ({ advocate, friend }, { score }) =>
    advocate.emailNormalized !== null && advocate.emailNormalized === friend.emailNormalized
      ? {
          rule: 'self_email',
          score,
          reason: `Self-referral: the friend's email is the advocate's own once normalised (email ${maskEmail(
            advocate.emailNormalized,
          )})`,
        }
      : null,
});
