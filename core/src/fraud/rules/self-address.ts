import { z } from 'zod';
import { defineFraudRule, ruleScoreSchema } from '../define-fraud-rule.js';

export const selfAddressRule = defineFraudRule({
  type: 'self_address',
  configSchema: z.object({ score: ruleScoreSchema(60) }),
  evaluate: ({ advocate, friend }, { score }) =>
    friend.addressKey !== null && advocate.addressKeys.includes(friend.addressKey)
      ? { rule: 'self_address', score, reason: "Friend's address matches one of the advocate's addresses" }
      : null,
});
