// The core's CheckoutDiscounts port on Shopify: per programme version a code app discount whose
// redeem codes are the advocates' codes and an automatic app discount, both running the
// friend-offer-discount function; and each advocate's own codes on their customer. Creating an app
// discount has no idempotency key, so it is journalled (platform_operations) and an in-doubt retry
// looks for the discount by its tag before making another.
import { isDeepStrictEqual } from 'node:util';
import {
  type AddRedeemCodesResult,
  beginPlatformOperation,
  type CheckoutDiscountRef,
  type CheckoutDiscountSpec,
  type CheckoutDiscounts,
  completePlatformOperation,
  type Database,
  type PlatformOperationKey,
  type PlatformRedeemCode,
} from '@referrals/core';
import { customerGid } from '../rewards/codes.js';
import { type AdminGraphql, withoutUserErrors } from '../shopify/admin-graphql.js';
import {
  CHECKOUT_AUTOMATIC_DISCOUNT,
  CHECKOUT_AUTOMATIC_DISCOUNT_BY_TAG,
  CHECKOUT_AUTOMATIC_DISCOUNT_CREATE,
  CHECKOUT_AUTOMATIC_DISCOUNT_DEACTIVATE,
  CHECKOUT_CODE_DISCOUNT,
  CHECKOUT_CODE_DISCOUNT_BY_TAG,
  CHECKOUT_CODE_DISCOUNT_CREATE,
  CHECKOUT_METAFIELDS_SET,
  DISCOUNT_CODE_DEACTIVATE,
} from '../shopify/documents.js';
import { automaticDiscountInput, codeDiscountInput, configFor, discountTag } from './discount-input.js';
import {
  ADVOCATE_CODES_METAFIELD,
  FUNCTION_CONFIG_METAFIELD,
  serializeFunctionConfig,
} from './function-config.js';
import { RedeemCodes } from './redeem-codes.js';

/** metafieldsSet's limit per call. */
const METAFIELDS_PER_CALL = 25;

type Created = { platformId: string; firstCode: PlatformRedeemCode | null };

export class ShopifyCheckoutDiscounts implements CheckoutDiscounts {
  private readonly codes: RedeemCodes;

  constructor(
    private readonly deps: {
      db: Database;
      graphql: AdminGraphql;
      /** The server secret the shop's referral-attribute signature key is derived from. */
      serverSecret: Buffer;
    },
  ) {
    this.codes = new RedeemCodes(deps.graphql);
  }

  async create(spec: CheckoutDiscountSpec, firstCode: string | null): Promise<Created | { refused: string }> {
    const key: PlatformOperationKey = {
      merchantId: spec.merchantId,
      platform: 'shopify',
      idempotencyKey: `checkout-discount:${spec.programVersionId}:${spec.method}:${spec.generation}`,
    };
    const operation = spec.method === 'code' ? 'discountCodeAppCreate' : 'discountAutomaticAppCreate';
    const state = await beginPlatformOperation(this.deps.db, { ...key, operation });
    const first = firstCode ? { code: firstCode, platformCodeId: null } : null;
    if (state.state === 'succeeded' && state.platformRef) {
      return {
        platformId: state.platformRef,
        firstCode: (state.result as Created | null)?.firstCode ?? first,
      };
    }
    if (state.state === 'in_doubt') {
      const found = await this.findByTag(spec);
      if (found) {
        await completePlatformOperation(this.deps.db, key, found, { platformId: found, firstCode: first });
        return { platformId: found, firstCode: first };
      }
    }
    const config = configFor(spec, this.deps.serverSecret);
    let made: Created;
    if (spec.method === 'code') {
      if (!firstCode) throw new Error('A code discount is made with its first redeem code.');
      const data = await this.deps.graphql.request(spec.merchantId, CHECKOUT_CODE_DISCOUNT_CREATE, {
        discount: codeDiscountInput(spec, config, firstCode),
      });
      const refused = data.discountCodeAppCreate?.userErrors.find((e) => e.code === 'TAKEN');
      if (refused) return { refused: `${firstCode}: ${refused.message}` };
      const payload = withoutUserErrors(data.discountCodeAppCreate, 'discountCodeAppCreate').codeAppDiscount;
      if (!payload) throw new Error('discountCodeAppCreate returned no discount');
      const redeem = payload.codes.nodes[0];
      made = {
        platformId: payload.discountId,
        firstCode: { code: firstCode, platformCodeId: redeem?.id ?? null },
      };
    } else {
      const data = await this.deps.graphql.request(spec.merchantId, CHECKOUT_AUTOMATIC_DISCOUNT_CREATE, {
        discount: automaticDiscountInput(spec, config),
      });
      const payload = withoutUserErrors(data.discountAutomaticAppCreate, 'discountAutomaticAppCreate');
      if (!payload.automaticAppDiscount) throw new Error('discountAutomaticAppCreate returned no discount');
      made = { platformId: payload.automaticAppDiscount.discountId, firstCode: null };
    }
    await completePlatformOperation(this.deps.db, key, made.platformId, made);
    return made;
  }

  async verify(
    ref: CheckoutDiscountRef,
    spec: CheckoutDiscountSpec,
  ): Promise<'active' | 'inactive' | 'missing'> {
    const found =
      ref.method === 'code'
        ? await this.deps.graphql
            .request(ref.merchantId, CHECKOUT_CODE_DISCOUNT, { id: ref.platformId })
            .then(
              (d) =>
                d.codeDiscountNode && {
                  metafield: d.codeDiscountNode.metafield,
                  discount: d.codeDiscountNode.codeDiscount,
                },
            )
        : await this.deps.graphql
            .request(ref.merchantId, CHECKOUT_AUTOMATIC_DISCOUNT, { id: ref.platformId })
            .then(
              (d) =>
                d.automaticDiscountNode && {
                  metafield: d.automaticDiscountNode.metafield,
                  discount: d.automaticDiscountNode.automaticDiscount,
                },
            );
    if (!found) return 'missing';
    const expected = configFor(spec, this.deps.serverSecret);
    if (!isDeepStrictEqual(parseJson(found.metafield?.value), expected)) {
      // Someone (or an older release) changed it: the function must read the version's terms.
      const data = await this.deps.graphql.request(ref.merchantId, CHECKOUT_METAFIELDS_SET, {
        metafields: [
          { ...FUNCTION_CONFIG_METAFIELD, ownerId: ref.platformId, value: serializeFunctionConfig(expected) },
        ],
      });
      withoutUserErrors(data.metafieldsSet, 'metafieldsSet (function configuration)');
    }
    return 'status' in found.discount && found.discount.status === 'EXPIRED' ? 'inactive' : 'active';
  }

  async end(ref: CheckoutDiscountRef): Promise<void> {
    // Gone already is ended enough.
    const gone = (e: { field?: string[] | null }) => e.field?.includes('id') === true;
    if (ref.method === 'code') {
      const data = await this.deps.graphql.request(ref.merchantId, DISCOUNT_CODE_DEACTIVATE, {
        id: ref.platformId,
      });
      withoutUserErrors(data.discountCodeDeactivate, 'discountCodeDeactivate', gone);
    } else {
      const data = await this.deps.graphql.request(ref.merchantId, CHECKOUT_AUTOMATIC_DISCOUNT_DEACTIVATE, {
        id: ref.platformId,
      });
      withoutUserErrors(data.discountAutomaticDeactivate, 'discountAutomaticDeactivate', gone);
    }
  }

  addCodes(ref: CheckoutDiscountRef, codes: string[]): Promise<AddRedeemCodesResult> {
    return this.codes.add(ref, codes);
  }

  removeCodes(ref: CheckoutDiscountRef, codes: PlatformRedeemCode[]): Promise<void> {
    return this.codes.remove(ref, codes);
  }

  listCodes(ref: CheckoutDiscountRef): AsyncIterable<PlatformRedeemCode[]> {
    return this.codes.list(ref);
  }

  async setAdvocateCodes(merchantId: string, owners: { platformCustomerId: string; codes: string[] }[]) {
    const failed: { platformCustomerId: string; error: string }[] = [];
    for (let i = 0; i < owners.length; i += METAFIELDS_PER_CALL) {
      let batch = owners.slice(i, i + METAFIELDS_PER_CALL);
      // metafieldsSet is all or nothing: drop the entries it refused and write the others again.
      for (let attempt = 0; attempt < 2 && batch.length > 0; attempt++) {
        const data = await this.deps.graphql.request(merchantId, CHECKOUT_METAFIELDS_SET, {
          metafields: batch.map((o) => ({
            ...ADVOCATE_CODES_METAFIELD,
            ownerId: customerGid(o.platformCustomerId),
            value: JSON.stringify(o.codes),
          })),
        });
        const errors = data.metafieldsSet?.userErrors ?? [];
        if (errors.length === 0) break;
        const refused = new Set(
          errors.map((e) => e.elementIndex).filter((n): n is number => typeof n === 'number'),
        );
        if (refused.size === 0) withoutUserErrors(data.metafieldsSet, 'metafieldsSet (advocate codes)');
        for (const index of refused) {
          const owner = batch[index];
          const why = errors
            .filter((e) => e.elementIndex === index)
            .map((e) => e.message)
            .join('; ');
          if (owner) failed.push({ platformCustomerId: owner.platformCustomerId, error: why });
        }
        batch = batch.filter((_, index) => !refused.has(index));
      }
    }
    return { failed };
  }

  private async findByTag(spec: CheckoutDiscountSpec): Promise<string | null> {
    const query = `tag:'${discountTag(spec)}'`;
    if (spec.method === 'code') {
      const data = await this.deps.graphql.request(spec.merchantId, CHECKOUT_CODE_DISCOUNT_BY_TAG, { query });
      return data.codeDiscountNodes.nodes[0]?.id ?? null;
    }
    const data = await this.deps.graphql.request(spec.merchantId, CHECKOUT_AUTOMATIC_DISCOUNT_BY_TAG, {
      query,
    });
    return data.automaticDiscountNodes.nodes[0]?.id ?? null;
  }
}

function parseJson(value: string | undefined): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}
