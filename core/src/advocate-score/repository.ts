// Queries behind the advocate score: a few aggregates for many advocates at once, every one
// through the merchant-scoped handle, read from one snapshot so the inputs agree with each other.
// Every table read here is another capability's; each query names its owner.
import { inArray, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client.js';
import { forMerchant, type MerchantScope } from '../db/merchant-scope.js';
import { advocates, clicks, merchants, orders, referrals } from '../db/schema/index.js';
import { DomainError } from '../errors.js';
import type { AdvocateScoreInput } from './types.js';

/** `'all'`: every advocate of the merchant (the admin list ranks them by score). */
export type LoadAdvocateScoreInputs = { merchantId: string; advocateIds: string[] | 'all'; now: Date };

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
  const ids = input.advocateIds === 'all' ? null : [...new Set(input.advocateIds)];
  if (ids && !idsSchema.safeParse(ids).success) {
    throw new DomainError('VALIDATION', 'Advocate ids must be UUIDs.', {
      details: { advocateIds: input.advocateIds },
    });
  }
  return forMerchant(db, input.merchantId).transaction((m) => load(m, ids, input.now), {
    isolationLevel: 'repeatable read',
    accessMode: 'read only',
  });
}

/** `ids` null: every advocate of the merchant. */
async function load(m: MerchantScope, ids: string[] | null, now: Date) {
  const currency = await findMerchantCurrency(m);
  const result = new Map<string, AdvocateScoreInput>();
  if (ids?.length === 0) return result;
  const known = await findKnownAdvocateIds(m, ids);
  const referralRows = await sumReferralsByAdvocate(m, ids, currency);
  const clickRows = await countClicksByAdvocate(m, ids);

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

/** The merchant's currency (merchants/): its own row is keyed by its id, it has no merchant_id. */
async function findMerchantCurrency(m: MerchantScope): Promise<string> {
  const [merchant] = await m.db.select({ currency: merchants.currency }).from(merchants).where(m.merchantRow);
  if (!merchant) throw new DomainError('NOT_FOUND', `Merchant ${m.merchantId} not found.`);
  return merchant.currency;
}

/** Which of `ids` are advocates of this merchant (advocates/). */
function findKnownAdvocateIds(m: MerchantScope, ids: string[] | null) {
  return m.db
    .select({ id: advocates.id })
    .from(advocates)
    .where(m.where(advocates, ids ? inArray(advocates.id, ids) : undefined));
}

/** Referral aggregates per advocate (referrals/, with their orders from orders/). */
function sumReferralsByAdvocate(m: MerchantScope, ids: string[] | null, currency: string) {
  const successful = inArray(referrals.status, ['approved', 'rewarded']);
  return m.db
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
    .innerJoin(orders, m.joinOn(orders, referrals.orderId))
    .where(m.where(referrals, ids ? inArray(referrals.advocateId, ids) : undefined))
    .groupBy(referrals.advocateId);
}

/** Clicks per advocate (clicks/). */
function countClicksByAdvocate(m: MerchantScope, ids: string[] | null) {
  return m.db
    .select({ advocateId: clicks.advocateId, clicks: sql<number>`count(*)`.mapWith(Number) })
    .from(clicks)
    .where(m.where(clicks, ids ? inArray(clicks.advocateId, ids) : undefined))
    .groupBy(clicks.advocateId);
}
