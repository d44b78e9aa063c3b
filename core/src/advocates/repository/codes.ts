// Queries on referral codes; uniqueness per merchant is the (merchant_id, code) unique key.
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { MerchantScope } from '../../db/merchant-scope.js';
import { advocates, customers, referralCodes } from '../../db/schema/index.js';
import { type CustomerKey, customerIs } from './advocates.js';

export type ReferralCodeRow = typeof referralCodes.$inferSelect;
export type NewReferralCode = Pick<ReferralCodeRow, 'advocateId' | 'code' | 'kind'>;

/** Codes an advocate shares; `friend_offer` codes are single-use discounts, not links. */
export const SHARED_KINDS = ['generated', 'vanity'] as const;

/** Inserts the code; null when the merchant already has it. */
export async function insertCode(m: MerchantScope, values: NewReferralCode): Promise<ReferralCodeRow | null> {
  const [row] = await m.db
    .insert(referralCodes)
    .values({ ...values, merchantId: m.merchantId })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}

/** The active code with this normalised text, of any kind. */
export async function findActiveCodeRow(m: MerchantScope, code: string): Promise<ReferralCodeRow | null> {
  const [row] = await m.db
    .select()
    .from(referralCodes)
    .where(m.where(referralCodes, eq(referralCodes.code, code), eq(referralCodes.status, 'active')));
  return row ?? null;
}

/** The advocate's oldest active code of any kind, or null. */
export async function findOldestActiveCode(m: MerchantScope, advocateId: string): Promise<string | null> {
  const [row] = await m.db
    .select({ code: referralCodes.code })
    .from(referralCodes)
    .where(
      m.where(referralCodes, eq(referralCodes.advocateId, advocateId), eq(referralCodes.status, 'active')),
    )
    .orderBy(referralCodes.createdAt)
    .limit(1);
  return row?.code ?? null;
}

/** Disables one of the advocate's codes; null when the advocate has no such code. */
export async function disableAdvocateCode(
  m: MerchantScope,
  advocateId: string,
  code: string,
): Promise<ReferralCodeRow | null> {
  const [row] = await m.db
    .update(referralCodes)
    .set({ status: 'disabled', disabledAt: sql`now()` })
    .where(m.where(referralCodes, eq(referralCodes.advocateId, advocateId), eq(referralCodes.code, code)))
    .returning();
  return row ?? null;
}

/** Every code of the merchant, of any kind and status. */
export function listMerchantCodes(m: MerchantScope): Promise<ReferralCodeRow[]> {
  return m.db.select().from(referralCodes).where(m.where(referralCodes));
}

/** The active advocate behind an active code, with the customer's first name (customers/). */
export async function findActiveCodeOwner(m: MerchantScope, code: string) {
  const [row] = await m.db
    .select({
      code: referralCodes.code,
      advocateId: advocates.id,
      programId: advocates.programId,
      firstName: customers.firstName,
    })
    .from(referralCodes)
    .innerJoin(advocates, m.joinOn(advocates, referralCodes.advocateId))
    .innerJoin(customers, m.joinOn(customers, advocates.customerId))
    .where(
      m.where(
        referralCodes,
        eq(referralCodes.code, code),
        eq(referralCodes.status, 'active'),
        eq(advocates.status, 'active'),
      ),
    );
  return row ?? null;
}

/**
 * The link code of the active advocate who is this customer (customers/): the oldest active
 * shared code, or null. One indexed query.
 */
export async function findLinkCodeOfCustomer(m: MerchantScope, key: CustomerKey): Promise<string | null> {
  const [row] = await m.db
    .select({ code: referralCodes.code })
    .from(customers)
    .innerJoin(advocates, m.where(advocates, eq(advocates.customerId, customers.id)))
    .innerJoin(referralCodes, m.where(referralCodes, eq(referralCodes.advocateId, advocates.id)))
    .where(
      m.where(
        customers,
        customerIs(key),
        eq(advocates.status, 'active'),
        eq(referralCodes.status, 'active'),
        inArray(referralCodes.kind, [...SHARED_KINDS]),
      ),
    )
    .orderBy(asc(referralCodes.createdAt), asc(referralCodes.code))
    .limit(1);
  return row?.code ?? null;
}
