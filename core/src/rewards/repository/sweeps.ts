// The safety-net sweeps behind the delayed jobs: they find due work across every shop, so they
// run on the owner connection, outside any merchant's scope. They skip merchants that uninstalled
// the app: their work waits for a reinstall.
import { and, asc, eq, lte } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/client.js';
import { sameMerchant } from '../../db/merchant-scope.js';
import { merchants, rewardClawbacks, rewards } from '../../db/schema/index.js';

const activeMerchant = (merchantId: PgColumn) =>
  and(sameMerchant(merchants.id, merchantId), eq(merchants.status, 'active'));

/** Held rewards whose hold ended by `now`, oldest first. */
export async function listDueRewards(db: Database, now: Date, limit: number) {
  // Cross-merchant by design: the sweep finds due rewards in every shop.
  return db
    .select({ merchantId: rewards.merchantId, rewardId: rewards.id })
    .from(rewards)
    .innerJoin(merchants, activeMerchant(rewards.merchantId))
    .where(and(eq(rewards.status, 'held'), lte(rewards.holdUntil, now)))
    .orderBy(asc(rewards.holdUntil))
    .limit(limit);
}

/** Rewards released by `releasedBefore` and still not issued, oldest first. */
export async function listUnissuedRewards(db: Database, releasedBefore: Date, limit: number) {
  // Cross-merchant by design: the sweep finds stuck issues in every shop.
  return db
    .select({ merchantId: rewards.merchantId, rewardId: rewards.id })
    .from(rewards)
    .innerJoin(merchants, activeMerchant(rewards.merchantId))
    .where(and(eq(rewards.status, 'released'), lte(rewards.releasedAt, releasedBefore)))
    .orderBy(asc(rewards.releasedAt))
    .limit(limit);
}

/** Claw-backs created by `createdBefore` and still pending, oldest first. */
export async function listStalePendingClawbacks(db: Database, createdBefore: Date, limit: number) {
  // Cross-merchant by design: the sweep finds stuck claw-backs in every shop.
  return db
    .select({ merchantId: rewardClawbacks.merchantId, clawbackId: rewardClawbacks.id })
    .from(rewardClawbacks)
    .innerJoin(merchants, activeMerchant(rewardClawbacks.merchantId))
    .where(and(eq(rewardClawbacks.status, 'pending'), lte(rewardClawbacks.createdAt, createdBefore)))
    .orderBy(asc(rewardClawbacks.createdAt))
    .limit(limit);
}
