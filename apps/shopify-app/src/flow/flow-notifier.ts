// The core's PlatformNotifier on Shopify: fires our Flow triggers (extensions/flow-*) with
// flowTriggerReceive, so merchants can email advocates, tag customers or build workflows.
import {
  DomainError,
  minorToDecimal,
  type PlatformNotifier,
  type ReferralConvertedNotice,
  type RewardIssuedNotice,
} from '@referrals/core';
import { type AdminGraphql, withoutUserErrors } from '../shopify/admin-graphql.js';
import { FLOW_TRIGGER_RECEIVE } from '../shopify/documents.js';
import { flowTriggers } from './triggers.js';

/** Flow references take the bare numeric id (gid://shopify/Customer/123 -> 123). */
const numericId = (id: string | null): number | null => {
  const tail = id?.split('/').pop();
  return tail && /^\d+$/.test(tail) ? Number(tail) : null;
};

export class ShopifyFlowNotifier implements PlatformNotifier {
  constructor(private readonly graphql: AdminGraphql) {}

  async referralConverted(notice: ReferralConvertedNotice): Promise<void> {
    const customer = numericId(notice.advocatePlatformCustomerId);
    const order = numericId(notice.platformOrderId);
    // Flow needs the advocate as a Shopify customer; one enrolled by email only has none yet.
    if (customer === null || order === null || !notice.advocateEmail || !notice.code) return;
    const trigger = flowTriggers.referralConverted;
    await this.fire(notice.merchantId, trigger.handle, {
      ...trigger.payloadSchema.parse({
        customer_id: customer,
        order_id: order,
        'Referral code': notice.code,
        'Advocate email': notice.advocateEmail,
        // We keep the order's id, not its display name; Flow's order reference has the name.
        'Order name': `Order ${notice.platformOrderId}`,
      }),
    });
  }

  async rewardIssued(notice: RewardIssuedNotice): Promise<void> {
    const customer = numericId(notice.recipientPlatformCustomerId);
    if (customer === null) return;
    const trigger = flowTriggers.rewardIssued;
    const amount =
      notice.currency === 'PTS'
        ? notice.amountMinor
        : Number(minorToDecimal(notice.amountMinor, notice.currency));
    await this.fire(notice.merchantId, trigger.handle, {
      ...trigger.payloadSchema.parse({
        customer_id: customer,
        'Referral code': notice.code ?? 'none',
        'Recipient role': notice.recipient,
        'Reward type': notice.kind,
        'Reward amount': amount,
        'Reward currency': notice.currency,
      }),
    });
  }

  private async fire(merchantId: string, handle: string, payload: Record<string, unknown>): Promise<void> {
    const data = await this.graphql.request(merchantId, FLOW_TRIGGER_RECEIVE, {
      handle,
      payload,
    });
    try {
      withoutUserErrors(data.flowTriggerReceive, `flowTriggerReceive(${handle})`);
    } catch (error) {
      // A trigger the merchant's store doesn't know (extension not deployed) won't start working on retry.
      throw new DomainError('VALIDATION', (error as Error).message);
    }
  }
}
