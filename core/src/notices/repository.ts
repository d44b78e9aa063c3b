// Reads for platform notices, through the merchant-scoped handle. Notices own no table: these read
// referrals (referrals), orders (orders), advocates and referral codes (advocates), customers
// (customers) and rewards (rewards).
import { alias } from 'drizzle-orm/pg-core';
import type { MerchantScope } from '../db/merchant-scope.js';
import { advocates, customers, orders, referralCodes, referrals, rewards } from '../db/schema/index.js';

/** The advocate, their code and the friend's order behind one referral. */
export async function findReferralConvertedFacts(m: MerchantScope, referralId: string) {
  const [row] = await m.db
    .select({
      advocatePlatformCustomerId: customers.platformCustomerId,
      advocateEmail: customers.email,
      code: referralCodes.code,
      platformOrderId: orders.platformOrderId,
    })
    .from(referrals)
    .innerJoin(orders, m.joinOn(orders, referrals.orderId))
    .innerJoin(advocates, m.joinOn(advocates, referrals.advocateId))
    .innerJoin(customers, m.joinOn(customers, advocates.customerId))
    .leftJoin(referralCodes, m.joinOn(referralCodes, referrals.codeId))
    .where(m.byId(referrals, referralId));
  return row;
}

/** A reward, its recipient and the code of the referral it came from. */
export async function findRewardIssuedFacts(m: MerchantScope, rewardId: string) {
  const recipient = alias(customers, 'recipient');
  const [row] = await m.db
    .select({
      recipient: rewards.recipient,
      recipientPlatformCustomerId: recipient.platformCustomerId,
      code: referralCodes.code,
      kind: rewards.kind,
      amountMinor: rewards.payoutMinor,
      fallbackAmountMinor: rewards.amountMinor,
      currency: rewards.currency,
    })
    .from(rewards)
    .leftJoin(recipient, m.joinOn(recipient, rewards.recipientCustomerId))
    .leftJoin(referrals, m.joinOn(referrals, rewards.referralId))
    .leftJoin(referralCodes, m.joinOn(referralCodes, referrals.codeId))
    .where(m.byId(rewards, rewardId));
  return row;
}
