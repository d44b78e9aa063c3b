// The friend-offer Discount Function's configuration: what the app writes in each of its app
// discounts' `$app:referrals.function-configuration` metafield (JSON, version 1) and the function
// (extensions/friend-offer-discount) reads. Built from the programme version's rules; the function
// re-checks every field itself, since it cannot import zod.
import type { ProgramRules } from '@referrals/core';
import { z } from 'zod';
import { formatMoney, formatPercent } from '../proxy/format.js';

/** The function extension's handle (shopify.extension.toml): `functionHandle` on the discounts. */
export const FRIEND_OFFER_FUNCTION_HANDLE = 'friend-offer-discount';

/** Where the configuration lives on each app discount. */
export const FUNCTION_CONFIG_METAFIELD = {
  namespace: '$app:referrals',
  key: 'function-configuration',
  type: 'json',
} as const;

/** The advocate's own codes on their Shopify customer: the function gives them nothing. */
export const ADVOCATE_CODES_METAFIELD = {
  namespace: '$app:referrals',
  key: 'advocate_codes',
  type: 'list.single_line_text_field',
} as const;

const offerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('percent_discount'), bps: z.int().min(1).max(10_000) }),
  z.object({ kind: z.literal('fixed_discount'), amountMinor: z.int().positive() }),
]);

const common = {
  v: z.literal(1),
  programVersionId: z.string().min(1),
  offer: offerSchema,
  currency: z.string().regex(/^[A-Z]{3}$/, 'An ISO 4217 currency code'),
  currencyExponent: z.int().min(0).max(4),
  /** 0 = no minimum; compared with the cart subtotal before any discount. */
  minimumSubtotalMinor: z.int().min(0),
  newCustomersOnly: z.boolean(),
  /** Shown at checkout with the discount, e.g. "Referral: 15% off your first order". */
  message: z.string().max(255),
};

/** Version 1 of the configuration; `signatureKey` (hex, 32 bytes) only on the automatic discount. */
export const functionConfigSchema = z.discriminatedUnion('mode', [
  z.object({ ...common, mode: z.literal('code') }).strict(),
  z
    .object({
      ...common,
      mode: z.literal('automatic'),
      signatureKey: z.string().regex(/^[0-9a-f]{64}$/, '32 bytes as lower-case hex'),
    })
    .strict(),
]);
export type FunctionConfig = z.infer<typeof functionConfigSchema>;

export type BuildFunctionConfigInput = {
  mode: FunctionConfig['mode'];
  programVersionId: string;
  rules: Pick<ProgramRules, 'friendReward' | 'eligibility'>;
  /** The shop's currency: the programme's amounts are in it. */
  currency: string;
  /** Required for `automatic`: deriveSignatureKey(server secret, merchant id). */
  signatureKey?: string;
};

/**
 * The configuration for one of a programme version's app discounts, or null when its friend
 * reward is not a discount (none, store credit, gift card, points): then it needs no function.
 */
export function buildFunctionConfig(input: BuildFunctionConfigInput): FunctionConfig | null {
  const reward = input.rules.friendReward;
  if (reward?.kind !== 'percent_discount' && reward?.kind !== 'fixed_discount') return null;
  const offer =
    reward.kind === 'percent_discount'
      ? { kind: reward.kind, bps: reward.bps }
      : { kind: reward.kind, amountMinor: reward.amountMinor };
  const { newCustomersOnly, minimumOrderMinor } = input.rules.eligibility;
  const value =
    reward.kind === 'percent_discount'
      ? formatPercent(reward.bps)
      : formatMoney(reward.amountMinor, input.currency);
  const order = newCustomersOnly ? 'your first order' : 'your order';
  const minimum =
    minimumOrderMinor > 0 ? ` of ${formatMoney(minimumOrderMinor, input.currency)} or more` : '';
  const config = {
    v: 1,
    mode: input.mode,
    programVersionId: input.programVersionId,
    offer,
    currency: input.currency,
    currencyExponent: currencyExponent(input.currency),
    minimumSubtotalMinor: minimumOrderMinor,
    newCustomersOnly,
    message: `Referral: ${value} off ${order}${minimum}`,
    ...(input.mode === 'automatic' ? { signatureKey: input.signatureKey } : {}),
  };
  // Parsing is the check that every field (the signature key above all) is what the function reads.
  return functionConfigSchema.parse(config);
}

/** The metafield value as the app writes it. */
export const serializeFunctionConfig = (config: FunctionConfig): string => JSON.stringify(config);

/** Minor-unit digits of an ISO currency (JPY 0, USD 2, KWD 3), as core's money module counts them. */
function currencyExponent(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}
