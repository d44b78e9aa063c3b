// Queries on friend offers, each through the merchant-scoped handle: every one stays inside the merchant.
import { eq, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { MerchantScope } from '../db/merchant-scope.js';
import {
  advocates,
  customers,
  friendOffers,
  merchants,
  orders,
  programs,
  referrals,
} from '../db/schema/index.js';
import { DomainError } from '../errors.js';
import type { FriendOfferDiscount } from '../ports.js';

export type FriendOffer = typeof friendOffers.$inferSelect;
export type FriendOfferStatus = FriendOffer['status'];
/** An offer's columns as the use case sets them; the merchant comes from the scope. */
export type NewFriendOffer = Omit<typeof friendOffers.$inferInsert, 'merchantId'>;

/** Offers that have not been used or withdrawn. */
const LIVE_STATUSES: FriendOfferStatus[] = ['pending', 'created'];

export async function findOfferById(m: MerchantScope, offerId: string): Promise<FriendOffer> {
  const [row] = await m.db.select().from(friendOffers).where(m.byId(friendOffers, offerId));
  if (!row) throw new DomainError('NOT_FOUND', `Friend offer ${offerId} not found.`);
  return row;
}

/** Offers whose code is among `codes` (normalised) and still stands: a deactivated one credits nobody. */
export async function findStandingOffersWithCodes(m: MerchantScope, codes: string[]): Promise<FriendOffer[]> {
  if (codes.length === 0) return [];
  return m.db
    .select()
    .from(friendOffers)
    .where(
      m.where(
        friendOffers,
        inArray(friendOffers.discountCode, codes),
        ne(friendOffers.status, 'deactivated'),
      ),
    );
}

/** The friend's offer: by email, else the anonymous one of this (advocate, visitor). */
export async function findOfferOfFriend(
  m: MerchantScope,
  friend: { emailNormalized: string } | { advocateId: string; visitorId: string },
): Promise<FriendOffer | undefined> {
  const [row] = await m.db
    .select()
    .from(friendOffers)
    .where(
      'emailNormalized' in friend
        ? m.where(friendOffers, eq(friendOffers.friendEmailNormalized, friend.emailNormalized))
        : m.where(
            friendOffers,
            eq(friendOffers.advocateId, friend.advocateId),
            eq(friendOffers.visitorId, friend.visitorId),
            isNull(friendOffers.friendEmailNormalized),
          ),
    );
  return row;
}

/**
 * Whether the engine has seen an order, not cancelled, from this address: on the order itself or
 * on its customer (orders and customers own these tables).
 */
export async function hasOrderedBefore(m: MerchantScope, emailNormalized: string): Promise<boolean> {
  const [row] = await m.db
    .select({ id: orders.id })
    .from(orders)
    .leftJoin(customers, m.joinOn(customers, orders.customerId))
    .where(
      m.where(
        orders,
        isNull(orders.cancelledAt),
        or(eq(orders.emailNormalized, emailNormalized), eq(customers.emailNormalized, emailNormalized)),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Undefined when the friend (or the derived code) already has an offer: the unique keys decide. */
export async function insertPendingOffer(
  m: MerchantScope,
  values: NewFriendOffer,
): Promise<FriendOffer | undefined> {
  const [row] = await m.db
    .insert(friendOffers)
    .values({ ...values, merchantId: m.merchantId })
    .onConflictDoNothing()
    .returning();
  return row;
}

/** A pending offer becomes created; one deactivated meanwhile stays so. Either way it keeps `platformRef`. */
export async function recordOfferPlatformRef(
  m: MerchantScope,
  offerId: string,
  platformRef: string,
): Promise<FriendOffer | undefined> {
  const [row] = await m.db
    .update(friendOffers)
    .set({
      platformRef,
      status: sql`case when ${friendOffers.status} = 'pending' then 'created' else ${friendOffers.status} end`,
      updatedAt: sql`now()`,
    })
    .where(m.byId(friendOffers, offerId))
    .returning();
  return row;
}

/** A withdrawn offer whose code the friend had used in the meantime. */
export async function markWithdrawnOfferUsed(m: MerchantScope, offerId: string): Promise<void> {
  await m.db
    .update(friendOffers)
    .set({ status: 'used', updatedAt: sql`now()` })
    .where(m.where(friendOffers, eq(friendOffers.id, offerId), eq(friendOffers.status, 'deactivated')));
}

/** Live offers with one of `codes` (normalised) become used; returns their ids. */
export async function markLiveOffersUsed(m: MerchantScope, codes: string[]): Promise<string[]> {
  const rows = await m.db
    .update(friendOffers)
    .set({ status: 'used', updatedAt: sql`now()` })
    .where(
      m.where(
        friendOffers,
        inArray(friendOffers.discountCode, codes),
        inArray(friendOffers.status, LIVE_STATUSES),
      ),
    )
    .returning({ id: friendOffers.id });
  return rows.map((r) => r.id);
}

/** Live offers of the friend (by email or visitor id) become deactivated; returns their ids. */
export async function deactivateLiveOffersOfFriend(
  m: MerchantScope,
  friend: { email: string | null; visitorId: string | null },
): Promise<string[]> {
  const matches: SQL[] = [
    ...(friend.email ? [eq(friendOffers.friendEmailNormalized, friend.email)] : []),
    ...(friend.visitorId ? [eq(friendOffers.visitorId, friend.visitorId)] : []),
  ];
  if (matches.length === 0) return [];
  const rows = await m.db
    .update(friendOffers)
    .set({ status: 'deactivated', updatedAt: sql`now()` })
    .where(m.where(friendOffers, inArray(friendOffers.status, LIVE_STATUSES), or(...matches)))
    .returning({ id: friendOffers.id });
  return rows.map((r) => r.id);
}

/** Who a referral's friend is: their email and the order's signals (referrals and orders own these tables). */
export async function findReferralFriend(
  m: MerchantScope,
  referralId: string,
): Promise<{ email: string | null; signals: unknown } | undefined> {
  const [row] = await m.db
    .select({ email: referrals.friendEmailNormalized, signals: orders.signals })
    .from(referrals)
    .innerJoin(orders, m.joinOn(orders, referrals.orderId))
    .where(m.byId(referrals, referralId));
  return row;
}

/**
 * The advocate, their program and address, and the shop's currency (advocates, customers,
 * programs and merchants own these tables).
 */
export async function findAdvocateOfferer(m: MerchantScope, advocateId: string) {
  const [row] = await m.db
    .select({
      status: advocates.status,
      programId: advocates.programId,
      programStatus: programs.status,
      emailNormalized: customers.emailNormalized,
      currency: merchants.currency,
    })
    .from(advocates)
    .innerJoin(customers, m.joinOn(customers, advocates.customerId))
    .innerJoin(programs, m.joinOn(programs, advocates.programId))
    // merchants has no merchant_id: the tenant row itself.
    .innerJoin(merchants, m.merchantRow)
    .where(m.byId(advocates, advocateId));
  return row;
}

/** What the platform adapter needs to create or switch off the offer's code. */
export const toFriendOfferDiscount = (offer: FriendOffer): FriendOfferDiscount => ({
  merchantId: offer.merchantId,
  offerId: offer.id,
  code: offer.discountCode,
  kind: offer.kind,
  bps: offer.bps,
  amountMinor: offer.amountMinor,
  currency: offer.currency,
  minimumSubtotalMinor: offer.minimumSubtotalMinor,
});
