import { z } from 'zod';
import { defineFraudRule, ruleScoreSchema } from '../define-fraud-rule.js';

/** Suspicious: more referrals than a person makes by hand. Reaches the review threshold on its own. */
export const velocityRule = defineFraudRule({
  type: 'velocity',
  configSchema: z.object({
    score: ruleScoreSchema(50),
    /** Most referrals an advocate may make in an hour before this rule fires. */
    maxPerHour: z.int().min(1).default(5),
    /** Most referrals an advocate may make in a day before this rule fires. */
    maxPerDay: z.int().min(1).default(20),
  }),
  evaluate: ({ velocity }, { score, maxPerHour, maxPerDay }) => {
    const { referralsLastHour: hour, referralsLastDay: day } = velocity;
    if (hour > maxPerHour) {
      return {
        rule: 'velocity',
        score,
        reason: `Unusual volume: the advocate made ${hour} referrals in the last hour (limit ${maxPerHour})`,
      };
    }
    if (day > maxPerDay) {
      return {
        rule: 'velocity',
        score,
        reason: `Unusual volume: the advocate made ${day} referrals in the last day (limit ${maxPerDay})`,
      };
    }
    return null;
  },
});
