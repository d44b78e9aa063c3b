import { z } from 'zod';
import { defineFraudRule, ruleScoreSchema } from '../define-fraud-rule.js';

export const selfVisitorRule = defineFraudRule({
  type: 'self_visitor',
  configSchema: z.object({ score: ruleScoreSchema(50) }),
  evaluate: ({ advocate, friend }, { score }) =>
    friend.visitorId !== null && advocate.visitorIds.includes(friend.visitorId)
      ? { rule: 'self_visitor', score, reason: 'Friend used the same browser (visitor id) as the advocate' }
      : null,
});
