// What the app asks Shopify to make for one programme version's checkout discount: the friend-offer
// function by handle, its configuration (function-config.ts) in the discount's metafield, an order
// discount that combines with shipping discounts only, open to every buyer from the version's start.
import type { CheckoutDiscountSpec } from '@referrals/core';
import type { DiscountAutomaticAppInput, DiscountCodeAppInput } from '../shopify/generated/admin.types.js';
import {
  buildFunctionConfig,
  FRIEND_OFFER_FUNCTION_HANDLE,
  FUNCTION_CONFIG_METAFIELD,
  type FunctionConfig,
  serializeFunctionConfig,
} from './function-config.js';
import { deriveSignatureKey } from './referral-signature.js';

/** The friend's offer stands alone among order discounts; free shipping still applies with it. */
export const CHECKOUT_COMBINES_WITH = {
  orderDiscounts: false,
  productDiscounts: false,
  shippingDiscounts: true,
};

/**
 * The tag naming one discount of a version, method and generation: how an in-doubt creation (a
 * crash between Shopify's answer and our record) finds what it made instead of making it twice.
 */
export const discountTag = (spec: Pick<CheckoutDiscountSpec, 'method' | 'programVersionId' | 'generation'>) =>
  `referrals-${spec.method}-${spec.programVersionId}-g${spec.generation}`;

/** The function configuration the discount must carry (the automatic one signs with the shop's key). */
export function configFor(spec: CheckoutDiscountSpec, serverSecret: Buffer): FunctionConfig {
  const config = buildFunctionConfig({
    mode: spec.method,
    programVersionId: spec.programVersionId,
    rules: spec.rules,
    currency: spec.currency,
    ...(spec.method === 'automatic'
      ? { signatureKey: deriveSignatureKey(serverSecret, spec.merchantId) }
      : {}),
  });
  if (!config) throw new Error(`Programme version ${spec.programVersionId} has no friend discount to apply.`);
  return config;
}

function commonInput(spec: CheckoutDiscountSpec, config: FunctionConfig, now: Date) {
  return {
    // Buyers see the title with the discount: the friend's offer in words.
    title: config.message,
    functionHandle: FRIEND_OFFER_FUNCTION_HANDLE,
    startsAt: new Date(Math.max(spec.effectiveFrom.getTime(), now.getTime())).toISOString(),
    discountClasses: ['ORDER' as const],
    combinesWith: CHECKOUT_COMBINES_WITH,
    context: { all: 'ALL' as const },
    tags: ['referrals', discountTag(spec)],
    metafields: [{ ...FUNCTION_CONFIG_METAFIELD, value: serializeFunctionConfig(config) }],
  };
}

export function codeDiscountInput(
  spec: CheckoutDiscountSpec,
  config: FunctionConfig,
  firstCode: string,
  now = new Date(),
): DiscountCodeAppInput {
  // Once per customer across all the advocates' codes: a friend gets the offer once.
  return { ...commonInput(spec, config, now), code: firstCode, appliesOncePerCustomer: true };
}

export function automaticDiscountInput(
  spec: CheckoutDiscountSpec,
  config: FunctionConfig,
  now = new Date(),
): DiscountAutomaticAppInput {
  return commonInput(spec, config, now);
}
