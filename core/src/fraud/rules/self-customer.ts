import { z } from 'zod';
import { maskCustomerId } from '../../identity/index.js';
import { defineFraudRule, ruleScoreSchema } from '../define-fraud-rule.js';

/** Certain: the advocate bought from their own account. Scores the reject threshold on its own. */
export const selfCustomerRule = defineFraudRule({
  type: 'self_customer',
  configSchema: z.object({ score: ruleScoreSchema(100) }),
  evaluate: ({ advocate, friend }, { score }) =>
    advocate.customerId !== null && advocate.customerId === friend.customerId
      ? {
          rule: 'self_customer',
          score,
          reason: `Self-referral: the order was placed from the advocate's own customer account (${
            advocate.platformCustomerId
              ? `customer ${maskCustomerId(advocate.platformCustomerId)}`
              : 'the same customer record'
          })`,
        }
      : null,
});
