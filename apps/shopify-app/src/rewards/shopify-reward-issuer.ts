// The core's RewardIssuer port on Shopify: store credit, single-use discount codes and gift cards,
// issued once per reward and taken back on refunds. Points stay in our own ledger.
import {
  type ClawBackRequest,
  type Database,
  DomainError,
  type IssueRewardRequest,
  type PlatformOperationKey,
  type RewardIssuer,
} from '@referrals/core';
import type { AdminGraphql } from '../shopify/admin-graphql.js';
import { customerGid, deterministicCode } from './codes.js';
import { DiscountCodes } from './discount-codes.js';
import { GiftCards } from './gift-cards.js';
import { StoreCredit } from './store-credit.js';

export const POINTS_REF = 'points:ledger';

export class ShopifyRewardIssuer implements RewardIssuer {
  private readonly storeCredit: StoreCredit;
  private readonly discounts: DiscountCodes;
  private readonly giftCards: GiftCards;

  constructor(deps: { db: Database; graphql: AdminGraphql }) {
    this.storeCredit = new StoreCredit(deps.db, deps.graphql);
    this.discounts = new DiscountCodes(deps.graphql);
    this.giftCards = new GiftCards(deps.db, deps.graphql);
  }

  async issue(request: IssueRewardRequest): Promise<{ platformRef: string }> {
    const key = operationKey(request.merchantId, `issue:${request.idempotencyKey}`);
    switch (request.kind) {
      case 'store_credit':
        return {
          platformRef: await this.storeCredit.credit(
            key,
            recipient(request),
            request.amountMinor,
            request.currency,
          ),
        };
      case 'percent_discount':
      case 'fixed_discount': {
        const code = rewardCode(request.merchantId, request.idempotencyKey);
        await this.discounts.ensure(request.merchantId, {
          code,
          title: request.recipient === 'friend' ? 'Referral welcome reward' : 'Referral reward',
          customer: request.recipientPlatformCustomerId
            ? customerGid(request.recipientPlatformCustomerId)
            : null,
          value:
            request.kind === 'percent_discount'
              ? { kind: 'percent', bps: request.bps ?? 0 }
              : { kind: 'fixed', amountMinor: request.amountMinor, currency: request.currency },
          currency: request.currency,
        });
        // The code is the ref: a claw-back finds the discount by it, and the customer is told it.
        return { platformRef: `discount:${code}` };
      }
      case 'gift_card':
        return {
          platformRef: await this.giftCards.create(key, {
            code: deterministicCode('', `${request.merchantId}:${request.idempotencyKey}:gift`, 16),
            customer: request.recipientPlatformCustomerId
              ? customerGid(request.recipientPlatformCustomerId)
              : null,
            amountMinor: request.amountMinor,
            currency: request.currency,
          }),
        };
      case 'points':
        return { platformRef: POINTS_REF };
    }
  }

  async clawBack(request: ClawBackRequest): Promise<{ recoveredMinor: number }> {
    const key = operationKey(request.merchantId, `clawback:${request.idempotencyKey}`);
    switch (request.kind) {
      case 'store_credit':
        return {
          recoveredMinor: await this.storeCredit.debit(
            key,
            recipient(request),
            request.amountMinor,
            request.currency,
          ),
        };
      case 'percent_discount':
      case 'fixed_discount': {
        // An unused code is switched off (all of it recovered); a used one can't be taken back.
        const code = request.platformRef?.startsWith('discount:') ? request.platformRef.slice(9) : null;
        if (!code) return { recoveredMinor: 0 };
        const { used } = await this.discounts.deactivateIfUnused(request.merchantId, code);
        return { recoveredMinor: used ? 0 : request.amountMinor };
      }
      case 'gift_card':
        if (!request.platformRef) return { recoveredMinor: 0 };
        return {
          recoveredMinor: await this.giftCards.takeBack(
            key,
            request.platformRef,
            request.amountMinor,
            request.currency,
          ),
        };
      case 'points':
        return { recoveredMinor: request.amountMinor };
    }
  }
}

const operationKey = (merchantId: string, idempotencyKey: string): PlatformOperationKey => ({
  merchantId,
  platform: 'shopify',
  idempotencyKey,
});

/** A reward's discount code: REF- and 10 characters derived from the reward. */
export const rewardCode = (merchantId: string, idempotencyKey: string): string =>
  deterministicCode('REF-', `${merchantId}:${idempotencyKey}`);

function recipient(request: { recipientPlatformCustomerId: string | null; rewardId: string }): string {
  if (!request.recipientPlatformCustomerId) {
    throw new DomainError(
      'VALIDATION',
      `Reward ${request.rewardId}: the recipient has no Shopify customer id.`,
    );
  }
  return customerGid(request.recipientPlatformCustomerId);
}
