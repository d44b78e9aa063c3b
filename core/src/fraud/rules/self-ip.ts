import { z } from 'zod';
import { maskIpHash } from '../../identity/index.js';
import { defineFraudRule, ruleScoreSchema } from '../define-fraud-rule.js';

/**
 * Weak: offices, cafés and mobile carriers put strangers behind one IP. Below the review threshold
 * on its own; with any other match it reaches the reject threshold.
 */
export const selfIpRule = defineFraudRule({
  type: 'self_ip',
  configSchema: z.object({ score: ruleScoreSchema(40) }),
  evaluate: ({ advocate, friend }, { score }) =>
    friend.ipHash !== null && advocate.ipHashes.includes(friend.ipHash)
      ? {
          rule: 'self_ip',
          score,
          reason: `Shared network: the order came from an IP address the advocate has ordered from (IP fingerprint ${maskIpHash(
            friend.ipHash,
          )}); common on shared networks, so it only counts with another match`,
        }
      : null,
});
