import { z } from 'zod';
import { defineFraudRule, ruleScoreSchema } from '../define-fraud-rule.js';

export const velocityRule = defineFraudRule({
  type: 'velocity',
  configSchema: z.object({
    score: ruleScoreSchema(40),
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
        reason: `Advocate made ${hour} referrals in the last hour (limit ${maxPerHour})`,
      };
    }
    if (day > maxPerDay) {
      return {
        rule: 'velocity',
        score,
        reason: `Advocate made ${day} referrals in the last day (limit ${maxPerDay})`,
      };
    }
    return null;
  },
});
