// Reward: record each side's reward as held (ledger: expense -> held) with a unique idempotency
// key, enforce caps under a per-advocate row lock, add a tier bonus at the Nth success.
import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { type EngineContext, nowOf } from '../context.js';
import type { Database } from '../db/client.js';
import { advocates, orderRefunds, referrals, rewards } from '../db/schema/index.js';
import { byId } from '../db/scoped.js';
import { accountKeys, postTransaction, recipientKey } from '../ledger/index.js';
import type { OrderRow } from '../orders/index.js';
import { writeOutbox } from '../outbox/index.js';
import type { ProgramVersion, RewardSpec } from '../programs/index.js';
import { calculateReward } from './calculate-reward.js';
import { checkCaps } from './caps.js';
import { reconcileOrderRewards } from './reconcile-order-rewards.js';
import { tierBonusFor } from './tiers.js';

type ReferralRow = typeof referrals.$inferSelect;
type RewardRow = typeof rewards.$inferSelect;

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

  // Serialises rewards per advocate: two parallel orders cannot both slip under a cap. NO KEY
  // UPDATE, because the referral row we inserted already holds a KEY SHARE lock on the advocate
  // (its foreign key) and FOR UPDATE would deadlock against a parallel order doing the same.
  const [advocate] = await db
    .select({ id: advocates.id, customerId: advocates.customerId })
    .from(advocates)
    .where(byId(advocates, referral.merchantId, referral.advocateId))
    .for('no key update');

  if (rules.advocateReward) {
    const value = calculateReward(rules.advocateReward, orderValue);
    const usage = await capUsage(db, referral, value.currency, now);
    const cap = checkCaps(rules.caps, usage, { amountMinor: value.amountMinor });
    if (!cap.allowed) {
      notes.push(`Advocate reward withheld: ${cap.reason}`);
    } else {
      if (cap.reason) notes.push(`Advocate reward trimmed: ${cap.reason}`);
      granted.push(
        await insertHeldReward(db, {
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
      rules.tiers.length > 0 ? tierBonusFor(rules.tiers, await successfulReferrals(db, referral)) : null;
    if (tier) {
      granted.push(
        await insertHeldReward(db, {
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
      await insertHeldReward(db, {
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
    await db
      .update(referrals)
      .set({ qualification: sql`${referrals.qualification} || ${JSON.stringify(notes)}::jsonb` })
      .where(byId(referrals, referral.merchantId, referral.id));
  }
  // Refunds or a cancellation that arrived before this order was paid apply now.
  if (order.cancelledAt || (await hasRefunds(db, order))) {
    await reconcileOrderRewards(ctx, db, order.merchantId, order.id);
  }
  return granted.filter((r): r is RewardRow => !!r);
}

async function capUsage(db: Database, referral: ReferralRow, currency: string, now: Date) {
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const live = sql`${rewards.amountMinor} - ${rewards.reversedMinor}`;
  const thisMonth = sql`${rewards.createdAt} >= ${monthStart.toISOString()}`;
  const [row] = await db
    .select({
      lifetimeCount: sql<number>`count(*)::int`,
      lifetimeAmount: sql<string>`coalesce(sum(${live}), 0)`,
      monthCount: sql<number>`(count(*) filter (where ${thisMonth}))::int`,
      monthAmount: sql<string>`coalesce(sum(${live}) filter (where ${thisMonth}), 0)`,
    })
    .from(rewards)
    .where(
      and(
        eq(rewards.merchantId, referral.merchantId),
        eq(rewards.advocateId, referral.advocateId),
        eq(rewards.recipient, 'advocate'),
        eq(rewards.currency, currency),
        notInArray(rewards.status, ['voided', 'rejected']),
      ),
    );
  return {
    monthCount: row?.monthCount ?? 0,
    monthAmountMinor: Number(row?.monthAmount ?? 0),
    lifetimeCount: row?.lifetimeCount ?? 0,
    lifetimeAmountMinor: Number(row?.lifetimeAmount ?? 0),
  };
}

async function successfulReferrals(db: Database, referral: ReferralRow): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(referrals)
    .where(
      and(
        eq(referrals.merchantId, referral.merchantId),
        eq(referrals.advocateId, referral.advocateId),
        inArray(referrals.status, ['approved', 'rewarded']),
      ),
    );
  return row?.n ?? 0;
}

async function hasRefunds(db: Database, order: OrderRow): Promise<boolean> {
  const [row] = await db
    .select({ id: orderRefunds.id })
    .from(orderRefunds)
    .where(
      and(
        eq(orderRefunds.merchantId, order.merchantId),
        eq(orderRefunds.platformOrderId, order.platformOrderId),
      ),
    )
    .limit(1);
  return !!row;
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

async function insertHeldReward(db: Database, input: HeldRewardInput): Promise<RewardRow | null> {
  const { referral, value } = input;
  const [row] = await db
    .insert(rewards)
    .values({
      merchantId: referral.merchantId,
      referralId: referral.id,
      advocateId: referral.advocateId,
      recipient: input.recipient,
      recipientCustomerId: input.recipientCustomerId,
      kind: input.spec.kind,
      amountMinor: value.amountMinor,
      currency: value.currency,
      bps: value.bps,
      status: 'held',
      reason: input.reason,
      holdUntil: input.holdUntil,
      idempotencyKey: input.key,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) return null; // already granted by an earlier delivery
  await postTransaction(db, {
    merchantId: row.merchantId,
    idempotencyKey: `reward:${row.id}:grant`,
    description: `Granted: ${row.reason}`,
    rewardId: row.id,
    lines: [
      { account: accountKeys.expense, currency: row.currency, amountMinor: row.amountMinor },
      { account: accountKeys.held(recipientKey(row)), currency: row.currency, amountMinor: -row.amountMinor },
    ],
  });
  await writeOutbox(db, {
    merchantId: row.merchantId,
    topic: 'reward.held',
    aggregateId: row.id,
    payload: { rewardId: row.id, holdUntil: row.holdUntil.toISOString() },
  });
  return row;
}
