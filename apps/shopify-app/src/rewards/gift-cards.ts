// Gift cards: created once per reward (journalled, with a code derived from the reward), taken
// back by deactivating the card; what it still held is what we recovered.
import {
  beginPlatformOperation,
  completePlatformOperation,
  type Database,
  DomainError,
  decimalToMinor,
  minorToDecimal,
  type PlatformOperationKey,
} from '@referrals/core';
import { type AdminGraphql, withoutUserErrors } from '../shopify/admin-graphql.js';
import { GIFT_CARD_BALANCE, GIFT_CARD_CREATE, GIFT_CARD_DEACTIVATE } from '../shopify/documents.js';

export class GiftCards {
  constructor(
    private readonly db: Database,
    private readonly graphql: AdminGraphql,
  ) {}

  async create(
    key: PlatformOperationKey,
    card: { code: string; customer: string | null; amountMinor: number; currency: string },
  ): Promise<string> {
    const state = await beginPlatformOperation(this.db, { ...key, operation: 'giftCardCreate' });
    if (state.state === 'succeeded' && state.platformRef) return state.platformRef;
    const data = await this.graphql.request(key.merchantId, GIFT_CARD_CREATE, {
      input: {
        initialValue: minorToDecimal(card.amountMinor, card.currency),
        code: card.code,
        ...(card.customer ? { customerId: card.customer } : {}),
        note: 'Referral reward',
      },
    });
    const payload = data.giftCardCreate;
    if (payload?.userErrors.some((e) => e.code === 'TAKEN')) {
      // Only an earlier attempt of this very reward can hold a code derived from it.
      throw new DomainError(
        'CONFLICT',
        `Gift card code for ${key.idempotencyKey} exists; check it in the admin.`,
      );
    }
    const id = withoutUserErrors(payload, 'giftCardCreate').giftCard?.id;
    if (!id) throw new Error('giftCardCreate returned no gift card');
    await completePlatformOperation(this.db, key, id);
    return id;
  }

  async takeBack(key: PlatformOperationKey, giftCardId: string, amountMinor: number, currency: string) {
    const state = await beginPlatformOperation(this.db, { ...key, operation: 'giftCardDeactivate' });
    if (state.state === 'succeeded') return (state.result as { recoveredMinor: number }).recoveredMinor;
    const data = await this.graphql.request(key.merchantId, GIFT_CARD_BALANCE, { id: giftCardId });
    const balance = data.giftCard ? decimalToMinor(data.giftCard.balance.amount, currency) : 0;
    if (data.giftCard?.enabled) {
      const result = await this.graphql.request(key.merchantId, GIFT_CARD_DEACTIVATE, { id: giftCardId });
      withoutUserErrors(result.giftCardDeactivate, 'giftCardDeactivate');
    }
    const recoveredMinor = data.giftCard?.enabled ? Math.min(balance, amountMinor) : 0;
    await completePlatformOperation(this.db, key, null, { recoveredMinor });
    return recoveredMinor;
  }
}
