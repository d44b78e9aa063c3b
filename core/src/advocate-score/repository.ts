// Queries behind the advocate score: a few aggregates for many advocates at once, every one
// filtered on the merchant, read from one snapshot so the inputs agree with each other.
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { advocates, clicks, merchants, orders, referrals } from '../db/schema/index.js';
import { DomainError } from '../errors.js';
import type { AdvocateScoreInput } from './types.js';

export type LoadAdvocateScoreInputs = { merchantId: string; advocateIds: string[]; now: Date };

const idsSchema = z.array(z.guid());
const count = (condition: SQL) => sql<number>`count(*) filter (where ${condition})`.mapWith(Number);

/**
 * The score inputs of each listed advocate of the merchant, keyed by advocate id. Ids that are no
 * advocate of this merchant are left out. Four queries however many advocates are asked for.
 */
export async function loadAdvocateScoreInputs(
  db: Database,
  input: LoadAdvocateScoreInputs,
): Promise<Map<string, AdvocateScoreInput>> {
  const ids = [...new Set(input.advocateIds)];
  if (!idsSchema.safeParse(ids).success) {
    throw new DomainError('VALIDATION', 'Advocate ids must be UUIDs.', {
      details: { advocateIds: input.advocateIds },
    });
  }
  return forMerchant(db, input.merchantId).transaction(
    ({ db: tx }) => load(tx, input.merchantId, ids, input.now),
    {
      isolationLevel: 'repeatable read',
      accessMode: 'read only',
    },
  );
}

async function load(db: Database, m: string, ids: string[], now: Date) {
  const [merchant] = await db
    .select({ currency: merchants.currency })
    .from(merchants)
    .where(eq(merchants.id, m));
  if (!merchant) throw new DomainError('NOT_FOUND', `Merchant ${m} not found.`);
  const result = new Map<string, AdvocateScoreInput>();
  if (ids.length === 0) return result;
  const { currency } = merchant;

  const known = await db
    .select({ id: advocates.id })
    .from(advocates)
    .where(and(eq(advocates.merchantId, m), inArray(advocates.id, ids)));

  const successful = inArray(referrals.status, ['approved', 'rewarded']);
  const referralRows = await db
    .select({
      advocateId: referrals.advocateId,
      successfulReferrals: count(successful),
      // Net of refunds; orders in another currency cannot be added up, so they are counted apart.
      referredRevenueMinor: sql<number>`coalesce(sum(${orders.totalMinor} - ${orders.refundedMinor}) filter (
        where ${successful} and ${orders.currency} = ${currency}), 0)`.mapWith(Number),
      otherCurrencyReferrals: count(sql`${successful} and ${orders.currency} is distinct from ${currency}`),
      purchases: count(sql`${referrals.status} <> 'rejected'`),
      // `review` is only reached through a fraud score; a rejection carries findings only when
      // fraud rejected it (eligibility rejects before fraud is scored) or a flagged one was refused.
      fraudFlags: count(
        sql`${referrals.status} = 'review' or (${referrals.status} = 'rejected' and jsonb_array_length(${referrals.riskFindings}) > 0)`,
      ),
      lastReferralAt: sql<Date | null>`max(${referrals.createdAt}) filter (where ${successful})`.mapWith(
        referrals.createdAt,
      ),
    })
    .from(referrals)
    .innerJoin(orders, and(eq(orders.id, referrals.orderId), eq(orders.merchantId, m)))
    .where(and(eq(referrals.merchantId, m), inArray(referrals.advocateId, ids)))
    .groupBy(referrals.advocateId);

  const clickRows = await db
    .select({ advocateId: clicks.advocateId, clicks: sql<number>`count(*)`.mapWith(Number) })
    .from(clicks)
    .where(and(eq(clicks.merchantId, m), inArray(clicks.advocateId, ids)))
    .groupBy(clicks.advocateId);

  const byAdvocate = new Map(referralRows.map((row) => [row.advocateId, row]));
  const clicksByAdvocate = new Map(clickRows.map((row) => [row.advocateId, row.clicks]));
  for (const { id } of known) {
    const row = byAdvocate.get(id);
    result.set(id, {
      successfulReferrals: row?.successfulReferrals ?? 0,
      referredRevenueMinor: row?.referredRevenueMinor ?? 0,
      currency,
      otherCurrencyReferrals: row?.otherCurrencyReferrals ?? 0,
      clicks: clicksByAdvocate.get(id) ?? 0,
      purchases: row?.purchases ?? 0,
      lastReferralAt: row?.lastReferralAt ?? null,
      fraudFlags: row?.fraudFlags ?? 0,
      now,
    });
  }
  return result;
}
