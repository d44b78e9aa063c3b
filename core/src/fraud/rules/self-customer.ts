import { z } from 'zod';
import { defineFraudRule, ruleScoreSchema } from '../define-fraud-rule.js';

export const selfCustomerRule = defineFraudRule({
  type: 'self_customer',
  configSchema: z.object({ score: ruleScoreSchema(100) }),
  evaluate: ({ advocate, friend }, { score }) =>
    advocate.customerId !== null && advocate.customerId === friend.customerId
      ? {
          rule: 'self_customer',
          score,
          reason: "The friend's order was placed by the advocate's own customer account",
        }
      : null,
});
