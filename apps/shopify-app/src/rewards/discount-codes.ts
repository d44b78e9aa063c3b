// Single-use discount codes (advocate rewards paid as a discount, and friends' welcome offers).
// The code is derived from the idempotency key, so creating is look-up-then-create: a retry after
// a timeout finds the code the first attempt made, and a TAKEN answer means "already made".
import { DomainError, minorToDecimal } from '@referrals/core';
import { type AdminGraphql, withoutUserErrors } from '../shopify/admin-graphql.js';
import {
  DISCOUNT_CODE_CREATE,
  DISCOUNT_CODE_DEACTIVATE,
  DISCOUNT_CODE_LOOKUP,
} from '../shopify/documents.js';
import type { DiscountCodeBasicInput } from '../shopify/generated/admin.types.js';

export type DiscountSpec = {
  code: string;
  title: string;
  /** A Shopify customer gid: only they can use it. Null: anyone with the code (one use). */
  customer: string | null;
  value: { kind: 'percent'; bps: number } | { kind: 'fixed'; amountMinor: number; currency: string };
  minimumSubtotalMinor?: number | null;
  currency: string;
};

export class DiscountCodes {
  constructor(private readonly graphql: AdminGraphql) {}

  async find(merchantId: string, code: string) {
    const data = await this.graphql.request(merchantId, DISCOUNT_CODE_LOOKUP, { code });
    return data.codeDiscountNodeByCode;
  }

  /** Creates the code once; returns the discount node's gid. */
  async ensure(merchantId: string, spec: DiscountSpec): Promise<string> {
    const existing = await this.find(merchantId, spec.code);
    if (existing) return existing.id;
    const data = await this.graphql.request(merchantId, DISCOUNT_CODE_CREATE, {
      discount: toInput(spec),
    });
    const payload = withoutUserErrors(
      data.discountCodeBasicCreate,
      'discountCodeBasicCreate',
      (e) => e.code === 'TAKEN',
    );
    if (payload.codeDiscountNode) return payload.codeDiscountNode.id;
    // TAKEN: a concurrent or earlier attempt made it after our look-up.
    const made = await this.find(merchantId, spec.code);
    if (!made) throw new DomainError('CONFLICT', `Discount code ${spec.code} is taken by another discount.`);
    return made.id;
  }

  /** Deactivates an unused code; returns whether it had been used (then nothing is recovered). */
  async deactivateIfUnused(merchantId: string, code: string): Promise<{ used: boolean }> {
    const node = await this.find(merchantId, code);
    if (!node) return { used: false };
    const used = (node.codeDiscount.asyncUsageCount ?? 0) > 0;
    if (node.codeDiscount.status !== 'EXPIRED') {
      const data = await this.graphql.request(merchantId, DISCOUNT_CODE_DEACTIVATE, { id: node.id });
      withoutUserErrors(data.discountCodeDeactivate, 'discountCodeDeactivate');
    }
    return { used };
  }
}

function toInput(spec: DiscountSpec): DiscountCodeBasicInput {
  const value =
    spec.value.kind === 'percent'
      ? { percentage: spec.value.bps / 10_000 }
      : {
          discountAmount: {
            amount: minorToDecimal(spec.value.amountMinor, spec.value.currency),
            appliesOnEachItem: false,
          },
        };
  return {
    title: spec.title,
    code: spec.code,
    startsAt: new Date().toISOString(),
    context: spec.customer ? { customers: { add: [spec.customer] } } : { all: 'ALL' },
    customerGets: { value, items: { all: true } },
    usageLimit: 1,
    appliesOncePerCustomer: true,
    ...(spec.minimumSubtotalMinor
      ? {
          minimumRequirement: {
            subtotal: {
              greaterThanOrEqualToSubtotal: minorToDecimal(spec.minimumSubtotalMinor, spec.currency),
            },
          },
        }
      : {}),
    // A referral discount is an order discount that stands alone, but free shipping and product
    // sales still apply: merchants expect "10% off your first order" on top of a sale price.
    combinesWith: { orderDiscounts: false, productDiscounts: true, shippingDiscounts: true },
  };
}
