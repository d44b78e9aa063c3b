import { z } from 'zod';
import { defineFraudRule, ruleScoreSchema } from '../define-fraud-rule.js';

export const selfIpRule = defineFraudRule({
  type: 'self_ip',
  configSchema: z.object({ score: ruleScoreSchema(40) }),
  evaluate: ({ advocate, friend }, { score }) =>
    friend.ipHash !== null && advocate.ipHashes.includes(friend.ipHash)
      ? { rule: 'self_ip', score, reason: 'Friend ordered from an IP address the advocate has used' }
      : null,
});
