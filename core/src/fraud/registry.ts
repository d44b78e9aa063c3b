import type { z } from 'zod';
import type { FraudRule } from './define-fraud-rule.js';
import { disposableEmailRule } from './rules/disposable-email.js';
import { selfAddressRule } from './rules/self-address.js';
import { selfCustomerRule } from './rules/self-customer.js';
import { selfEmailRule } from './rules/self-email.js';
import { selfIpRule } from './rules/self-ip.js';
import { selfVisitorRule } from './rules/self-visitor.js';
import { velocityRule } from './rules/velocity.js';
import type { FraudRuleType } from './types.js';

/** Every fraud rule, keyed by type: adding a type to `fraudRuleTypes` fails to compile until it is here. */
export const fraudRules = {
  self_customer: selfCustomerRule,
  self_email: selfEmailRule,
  self_address: selfAddressRule,
  self_ip: selfIpRule,
  self_visitor: selfVisitorRule,
  disposable_email: disposableEmailRule,
  velocity: velocityRule,
} satisfies { [K in FraudRuleType]: FraudRule<K, z.ZodType> };
