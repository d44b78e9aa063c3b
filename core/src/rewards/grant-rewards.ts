// Reward: record each side's reward as held (ledger: expense -> held) with a unique idempotency
// key, enforce caps under a per-advocate row lock, add a tier bonus at the Nth success.
import { type EngineContext, nowOf } from '../context.js';
import type { Database } from '../db/client.js';
import { forMerchant, type MerchantScope } from '../db/merchant-scope.js';
import { accountKeys, postTransaction, recipientKey } from '../ledger/index.js';
import type { OrderRow } from '../orders/index.js';
import { writeOutbox } from '../outbox/index.js';
import type { ProgramVersion, RewardSpec } from '../programs/index.js';
import { appendQualificationNotes, countSuccessfulReferrals, type ReferralRow } from '../referrals/index.js';
import { calculateReward } from './calculate-reward.js';
import { checkCaps } from './caps.js';
import { reconcileOrderRewards } from './reconcile-order-rewards.js';
import { lockAdvocateForRewards } from './repository/advocates.js';
import { hasOrderRefunds } from './repository/orders.js';
import { insertHeldReward, loadCapUsage, type RewardRow } from './repository/rewards.js';
import { tierBonusFor } from './tiers.js';

export type GrantInput = { referral: ReferralRow; order: OrderRow; version: ProgramVersion };

const DAY = 86_400_000;
const discountKinds = new Set(['percent_discount', 'fixed_discount']);

export async function grantRewards(
  ctx: EngineContext,
  db: Database,
  input: GrantInput,
): Promise<RewardRow[]> {
  const { referral, order, version } = input;
  const rules = version.rules;
  const now = nowOf(ctx);
  const holdUntil = new Date(now.getTime() + rules.holdDays * DAY);
  const orderValue = { subtotalMinor: order.subtotalMinor ?? 0, currency: order.currency ?? 'USD' };
  const granted: (RewardRow | null)[] = [];
  const notes: string[] = [];
  const m = forMerchant(db, referral.merchantId);

  // Serialises rewards per advocate: two parallel orders cannot both slip under a cap.
  const advocate = await lockAdvocateForRewards(m, referral.advocateId);

  if (rules.advocateReward) {
    const value = calculateReward(rules.advocateReward, orderValue);
    const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const usage = await loadCapUsage(m, referral.advocateId, value.currency, monthStart);
    const cap = checkCaps(rules.caps, usage, { amountMinor: value.amountMinor });
    if (!cap.allowed) {
      notes.push(`Advocate reward withheld: ${cap.reason}`);
    } else {
      if (cap.reason) notes.push(`Advocate reward trimmed: ${cap.reason}`);
      granted.push(
        await grantHeldReward(m, {
          referral,
          holdUntil,
          spec: rules.advocateReward,
          value: { ...value, amountMinor: cap.amountMinor },
          recipient: 'advocate',
          recipientCustomerId: advocate!.customerId,
          key: `referral:${referral.id}:advocate`,
          reason: `Referral of order ${order.platformOrderId}`,
        }),
      );
    }
    const tier =
      rules.tiers.length > 0
        ? tierBonusFor(rules.tiers, await countSuccessfulReferrals(m, referral.advocateId))
        : null;
    if (tier) {
      granted.push(
        await grantHeldReward(m, {
          referral,
          holdUntil,
          spec: tier.bonus,
          value: calculateReward(tier.bonus, orderValue),
          recipient: 'advocate',
          recipientCustomerId: advocate!.customerId,
          key: `tier:${referral.advocateId}:${tier.atReferral}`,
          reason: `Tier bonus at referral #${tier.atReferral}`,
        }),
      );
    }
  }
  if (rules.friendReward && !discountKinds.has(rules.friendReward.kind) && order.customerId) {
    granted.push(
      await grantHeldReward(m, {
        referral,
        holdUntil,
        spec: rules.friendReward,
        value: calculateReward(rules.friendReward, orderValue),
        recipient: 'friend',
        recipientCustomerId: order.customerId,
        key: `referral:${referral.id}:friend`,
        reason: `Welcome reward for order ${order.platformOrderId}`,
      }),
    );
  }
  if (notes.length > 0) {
    await appendQualificationNotes(m, referral.id, notes);
  }
  // Refunds or a cancellation that arrived before this order was paid apply now.
  if (order.cancelledAt || (await hasOrderRefunds(m, order.platformOrderId))) {
    await reconcileOrderRewards(ctx, m.db, order.merchantId, order.id);
  }
  return granted.filter((r): r is RewardRow => !!r);
}

type HeldRewardInput = {
  referral: ReferralRow;
  holdUntil: Date;
  spec: RewardSpec;
  value: ReturnType<typeof calculateReward>;
  recipient: 'advocate' | 'friend';
  recipientCustomerId: string | null;
  key: string;
  reason: string;
};

async function grantHeldReward(m: MerchantScope, input: HeldRewardInput): Promise<RewardRow | null> {
  const { referral, value } = input;
  const row = await insertHeldReward(m, {
    referralId: referral.id,
    advocateId: referral.advocateId,
    recipient: input.recipient,
    recipientCustomerId: input.recipientCustomerId,
    kind: input.spec.kind,
    amountMinor: value.amountMinor,
    currency: value.currency,
    bps: value.bps,
    reason: input.reason,
    holdUntil: input.holdUntil,
    idempotencyKey: input.key,
  });
  if (!row) return null; // already granted by an earlier delivery
  await postTransaction(m.db, {
    merchantId: row.merchantId,
    idempotencyKey: `reward:${row.id}:grant`,
    description: `Granted: ${row.reason}`,
    rewardId: row.id,
    lines: [
      { account: accountKeys.expense, currency: row.currency, amountMinor: row.amountMinor },
      { account: accountKeys.held(recipientKey(row)), currency: row.currency, amountMinor: -row.amountMinor },
    ],
  });
  await writeOutbox(m.db, {
    merchantId: row.merchantId,
    topic: 'reward.held',
    aggregateId: row.id,
    payload: { rewardId: row.id, holdUntil: row.holdUntil.toISOString() },
  });
  return row;
}
