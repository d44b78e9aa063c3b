import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { referrals } from '../db/schema.js';
import { writeOutbox } from '../outbox/index.js';
import { assertTransition, type ReferralStatus } from '../referrals/index.js';

type ReferralRow = typeof referrals.$inferSelect;

/**
 * Moves a referral through the state machine, one step or several (e.g. qualified then approved)
 * in one write; every step is checked, and an illegal one throws, never passes silently.
 */
export async function moveReferral(
  db: Database,
  referral: Pick<ReferralRow, 'id' | 'merchantId' | 'status'>,
  to: ReferralStatus | ReferralStatus[],
  changes: Partial<Pick<ReferralRow, 'riskScore' | 'riskFindings' | 'qualification'>>,
): Promise<void> {
  const path = Array.isArray(to) ? to : [to];
  let from = referral.status;
  for (const step of path) {
    assertTransition(from, step);
    from = step;
  }
  await db
    .update(referrals)
    .set({ ...changes, status: from, updatedAt: sql`now()` })
    .where(and(eq(referrals.merchantId, referral.merchantId), eq(referrals.id, referral.id)));
  await writeOutbox(db, {
    merchantId: referral.merchantId,
    topic: 'referral.status_changed',
    aggregateId: referral.id,
    payload: { referralId: referral.id, from: referral.status, to: from, path },
  });
}
