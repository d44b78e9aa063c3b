import { z } from 'zod';
import { fraudRules } from './registry.js';
import type { FraudRuleType } from './types.js';

/** A rule's own config plus a switch; a rule left out of the settings runs with its defaults. */
const ruleSettings = <C extends z.ZodType>(configSchema: C) =>
  z.intersection(configSchema, z.object({ enabled: z.boolean().default(true) })).optional();

const rulesShape = {
  self_customer: ruleSettings(fraudRules.self_customer.configSchema),
  self_email: ruleSettings(fraudRules.self_email.configSchema),
  self_address: ruleSettings(fraudRules.self_address.configSchema),
  self_ip: ruleSettings(fraudRules.self_ip.configSchema),
  self_visitor: ruleSettings(fraudRules.self_visitor.configSchema),
  disposable_email: ruleSettings(fraudRules.disposable_email.configSchema),
  velocity: ruleSettings(fraudRules.velocity.configSchema),
} satisfies Record<FraudRuleType, z.ZodType>;

const thresholdSchema = z.number().min(0).max(100);

/**
 * Fraud settings stored inside a program's rules. `parse({})` yields the defaults, which give each
 * rule's finding, on its own, the outcome its reason claims (evaluate-fraud.test.ts holds the table):
 * - reject: `self_customer`, `self_email` (100): "Self-referral", the advocate themself;
 * - review: `self_address` (60), `self_visitor`, `disposable_email`, `velocity` (50): "Possible
 *   self-referral", "Suspicious", "Unusual volume": a person decides;
 * - approve: `self_ip` (40), "Shared network": strangers share IPs, so it only counts with another
 *   match, and any other match with it reaches `rejectAt`.
 */
export const fraudSettingsSchema = z
  .object({
    /** A referral scoring at least this goes to manual review. */
    reviewAt: thresholdSchema.default(50),
    /** A referral scoring at least this is rejected outright. */
    rejectAt: thresholdSchema.default(80),
    rules: z.object(rulesShape).default({}),
  })
  .refine((settings) => settings.reviewAt <= settings.rejectAt, {
    message: 'reviewAt must not exceed rejectAt',
    path: ['reviewAt'],
  });
export type FraudSettings = z.infer<typeof fraudSettingsSchema>;
export type FraudSettingsInput = z.input<typeof fraudSettingsSchema>;
