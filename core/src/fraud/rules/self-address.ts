import { z } from 'zod';
import { maskAddressKey } from '../../identity/index.js';
import { defineFraudRule, ruleScoreSchema } from '../define-fraud-rule.js';

/** Suspicious, not proof (a household shares an address): reaches the review threshold on its own. */
export const selfAddressRule = defineFraudRule({
  type: 'self_address',
  configSchema: z.object({ score: ruleScoreSchema(60) }),
  evaluate: ({ advocate, friend }, { score }) =>
    friend.addressKey !== null && advocate.addressKeys.includes(friend.addressKey)
      ? {
          rule: 'self_address',
          score,
          reason: `Possible self-referral: the order ships to an address on the advocate's own orders (shipping address ${maskAddressKey(
            friend.addressKey,
          )})`,
        }
      : null,
});
