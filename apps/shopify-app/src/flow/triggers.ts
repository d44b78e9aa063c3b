// The Shopify Flow triggers this app declares (extensions/flow-*/shopify.extension.toml) and the
// payload each one takes. Fire one with flowTriggerReceive(handle, payloadSchema.parse(payload)).
// The handles, payload keys and field types here must equal the TOML files: triggers.test.ts
// reads both, so the app and the deployed extensions cannot drift apart.
import type { RewardKind } from '@referrals/core';
import { z } from 'zod';

/**
 * Field types a Flow trigger may declare. A `*_reference` field is sent as `<object>_id` with the
 * object's numeric id; any other field is sent under its `key` (letters and spaces only).
 */
export type FlowFieldType =
  | 'customer_reference'
  | 'order_reference'
  | 'product_reference'
  | 'single_line_text_field'
  | 'email'
  | 'url'
  | 'number_decimal'
  | 'boolean';

export type FlowTrigger<S extends z.ZodObject = z.ZodObject> = {
  /** The extension's `handle`, passed to flowTriggerReceive. */
  handle: string;
  /** The extension's folder under apps/shopify-app/extensions. */
  extension: string;
  payloadSchema: S;
  /** Every payload key with the TOML field type that declares it, in the TOML's order. */
  fields: { [K in keyof z.output<S>]-?: FlowFieldType };
};

const defineFlowTrigger = <S extends z.ZodObject>(trigger: FlowTrigger<S>): FlowTrigger<S> => trigger;

/** The number in gid://shopify/Customer/123: Flow takes references as bare numeric ids. */
const shopifyIdSchema = z.int().positive();
const textSchema = z.string().trim().min(1).max(255);

export const referralConvertedPayloadSchema = z.strictObject({
  /** The advocate. */
  customer_id: shopifyIdSchema,
  /** The referred friend's order. */
  order_id: shopifyIdSchema,
  'Referral code': textSchema,
  'Advocate email': z.email(),
  'Order name': textSchema,
});
export type ReferralConvertedPayload = z.infer<typeof referralConvertedPayloadSchema>;

const rewardKinds = [
  'percent_discount',
  'fixed_discount',
  'store_credit',
  'gift_card',
  'points',
] as const satisfies readonly RewardKind[];

export const rewardIssuedPayloadSchema = z.strictObject({
  /** The customer who received the reward. */
  customer_id: shopifyIdSchema,
  'Referral code': textSchema,
  'Recipient role': z.enum(['advocate', 'friend']),
  'Reward type': z.enum(rewardKinds),
  /** In the currency's major unit (10.5 for USD 10.50): Flow numbers are decimals, not minor units. */
  'Reward amount': z.number().nonnegative().finite(),
  /** ISO 4217, or PTS for points (as in core's currencySchema). */
  'Reward currency': z.string().regex(/^(?:[A-Z]{3}|PTS)$/),
});
export type RewardIssuedPayload = z.infer<typeof rewardIssuedPayloadSchema>;

export const flowTriggers = {
  referralConverted: defineFlowTrigger({
    handle: 'referral-converted',
    extension: 'flow-referral-converted',
    payloadSchema: referralConvertedPayloadSchema,
    fields: {
      customer_id: 'customer_reference',
      order_id: 'order_reference',
      'Referral code': 'single_line_text_field',
      'Advocate email': 'email',
      'Order name': 'single_line_text_field',
    },
  }),
  rewardIssued: defineFlowTrigger({
    handle: 'reward-issued',
    extension: 'flow-reward-issued',
    payloadSchema: rewardIssuedPayloadSchema,
    fields: {
      customer_id: 'customer_reference',
      'Referral code': 'single_line_text_field',
      'Recipient role': 'single_line_text_field',
      'Reward type': 'single_line_text_field',
      'Reward amount': 'number_decimal',
      'Reward currency': 'single_line_text_field',
    },
  }),
} as const;

export type FlowTriggerName = keyof typeof flowTriggers;
export type FlowTriggerPayload<N extends FlowTriggerName> = z.infer<
  (typeof flowTriggers)[N]['payloadSchema']
>;
