// Queries on reward claw-backs, each inside one merchant.
import { eq, type SQL, sql } from 'drizzle-orm';
import type { MerchantScope } from '../../db/merchant-scope.js';
import { customers, rewardClawbacks, rewards } from '../../db/schema/index.js';

export type ClawbackRow = typeof rewardClawbacks.$inferSelect;
type ClawbackOutcome = { recoveredMinor: number; shortfallMinor: number };

/** The claw-back with its reward and the recipient's platform id (customers: the customers capability). */
export async function findClawbackWithReward(m: MerchantScope, clawbackId: string) {
  const [row] = await m.db
    .select({ clawback: rewardClawbacks, reward: rewards, platformCustomerId: customers.platformCustomerId })
    .from(rewardClawbacks)
    .innerJoin(rewards, eq(rewards.id, rewardClawbacks.rewardId))
    .leftJoin(customers, eq(customers.id, rewards.recipientCustomerId))
    .where(m.byId(rewardClawbacks, clawbackId));
  return row;
}

/** The claw-back, locked until the transaction ends. */
export async function findClawbackForUpdate(
  m: MerchantScope,
  clawbackId: string,
): Promise<ClawbackRow | undefined> {
  const [row] = await m.db
    .select()
    .from(rewardClawbacks)
    .where(m.byId(rewardClawbacks, clawbackId))
    .for('update');
  return row;
}

/** The reward's claw-backs not yet taken to the platform. */
export async function listPendingClawbacksOfReward(m: MerchantScope, rewardId: string) {
  return m.db
    .select({ id: rewardClawbacks.id, amountMinor: rewardClawbacks.amountMinor })
    .from(rewardClawbacks)
    .where(
      m.where(rewardClawbacks, eq(rewardClawbacks.rewardId, rewardId), eq(rewardClawbacks.status, 'pending')),
    );
}

/** A pending claw-back; undefined when its idempotency key was already requested. */
export async function insertClawback(
  m: MerchantScope,
  values: { rewardId: string; amountMinor: number; idempotencyKey: string },
): Promise<ClawbackRow | undefined> {
  const [row] = await m.db
    .insert(rewardClawbacks)
    .values({ ...values, merchantId: m.merchantId })
    .onConflictDoNothing()
    .returning();
  return row;
}

export async function markClawbackDone(m: MerchantScope, clawbackId: string, outcome: ClawbackOutcome) {
  await setDone(m, m.byId(rewardClawbacks, clawbackId), outcome);
}

/** As `markClawbackDone`, but leaves a claw-back that is no longer pending untouched. */
export async function markPendingClawbackDone(
  m: MerchantScope,
  clawbackId: string,
  outcome: ClawbackOutcome,
) {
  await setDone(
    m,
    m.where(rewardClawbacks, eq(rewardClawbacks.id, clawbackId), eq(rewardClawbacks.status, 'pending')),
    outcome,
  );
}

async function setDone(m: MerchantScope, where: SQL, outcome: ClawbackOutcome): Promise<void> {
  await m.db
    .update(rewardClawbacks)
    .set({ status: 'done', ...outcome, completedAt: sql`now()` })
    .where(where);
}
