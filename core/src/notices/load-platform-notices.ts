// What a platform notification needs to say about a referral or a reward (e.g. a Shopify Flow
// trigger that lets a merchant email the advocate): plain facts, loaded by id within a merchant.
import { and, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../db/client.js';
import { advocates, customers, orders, referralCodes, referrals, rewards } from '../db/schema/index.js';
import type { ReferralConvertedNotice, RewardIssuedNotice } from '../ports.js';

export async function loadReferralConvertedNotice(
  db: Database,
  merchantId: string,
  referralId: string,
): Promise<ReferralConvertedNotice | null> {
  const [row] = await db
    .select({
      advocatePlatformCustomerId: customers.platformCustomerId,
      advocateEmail: customers.email,
      code: referralCodes.code,
      platformOrderId: orders.platformOrderId,
    })
    .from(referrals)
    .innerJoin(orders, and(eq(orders.merchantId, referrals.merchantId), eq(orders.id, referrals.orderId)))
    .innerJoin(
      advocates,
      and(eq(advocates.merchantId, referrals.merchantId), eq(advocates.id, referrals.advocateId)),
    )
    .innerJoin(
      customers,
      and(eq(customers.merchantId, referrals.merchantId), eq(customers.id, advocates.customerId)),
    )
    .leftJoin(
      referralCodes,
      and(eq(referralCodes.merchantId, referrals.merchantId), eq(referralCodes.id, referrals.codeId)),
    )
    .where(and(eq(referrals.merchantId, merchantId), eq(referrals.id, referralId)));
  return row ? { merchantId, referralId, ...row } : null;
}

export async function loadRewardIssuedNotice(
  db: Database,
  merchantId: string,
  rewardId: string,
): Promise<RewardIssuedNotice | null> {
  const recipient = alias(customers, 'recipient');
  const [row] = await db
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
    .leftJoin(
      recipient,
      and(eq(recipient.merchantId, rewards.merchantId), eq(recipient.id, rewards.recipientCustomerId)),
    )
    .leftJoin(
      referrals,
      and(eq(referrals.merchantId, rewards.merchantId), eq(referrals.id, rewards.referralId)),
    )
    .leftJoin(
      referralCodes,
      and(eq(referralCodes.merchantId, rewards.merchantId), eq(referralCodes.id, referrals.codeId)),
    )
    .where(and(eq(rewards.merchantId, merchantId), eq(rewards.id, rewardId)));
  if (!row) return null;
  const { fallbackAmountMinor, amountMinor, ...rest } = row;
  return { merchantId, rewardId, ...rest, amountMinor: amountMinor ?? fallbackAmountMinor };
}
