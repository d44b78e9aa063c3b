import { z } from 'zod';
import { maskVisitorId } from '../../identity/index.js';
import { defineFraudRule, ruleScoreSchema } from '../define-fraud-rule.js';

/** Suspicious, not proof (a shared computer): reaches the review threshold on its own. */
export const selfVisitorRule = defineFraudRule({
  type: 'self_visitor',
  configSchema: z.object({ score: ruleScoreSchema(50) }),
  evaluate: ({ advocate, friend }, { score }) =>
    friend.visitorId !== null && advocate.visitorIds.includes(friend.visitorId)
      ? {
          rule: 'self_visitor',
          score,
          reason: `Possible self-referral: the order came from the browser the advocate ordered from (visitor id ${maskVisitorId(
            friend.visitorId,
          )})`,
        }
      : null,
});
