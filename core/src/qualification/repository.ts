// The reads qualification judges by. Qualification owns no table: each query names the folder that
// owns what it reads (orders/, advocates/, customers/, referrals/).
import { asc, eq, gte, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { MerchantScope } from '../db/merchant-scope.js';
import { advocates, customers, orders, referrals } from '../db/schema/index.js';
import type { OrderRow } from '../orders/index.js';

type ReferralRow = typeof referrals.$inferSelect;

/** Whether the same person (customer or email) placed an order before this one. Owner: orders/. */
export async function hasEarlierOrderBySamePerson(
  m: MerchantScope,
  order: Pick<OrderRow, 'id' | 'customerId' | 'emailNormalized' | 'placedAt'>,
): Promise<boolean> {
  const same = or(
    order.customerId ? eq(orders.customerId, order.customerId) : sql`false`,
    order.emailNormalized ? eq(orders.emailNormalized, order.emailNormalized) : sql`false`,
  );
  const [earlier] = await m.db
    .select({ id: orders.id })
    .from(orders)
    .where(m.where(orders, ne(orders.id, order.id), same, lt(orders.placedAt, order.placedAt ?? new Date())))
    .limit(1);
  return !!earlier;
}

/** The advocate's customer (ours and the platform's id) and email. Owners: advocates/ and customers/. */
export async function findAdvocateIdentity(m: MerchantScope, advocateId: string) {
  const [advocate] = await m.db
    .select({
      customerId: advocates.customerId,
      platformCustomerId: customers.platformCustomerId,
      emailNormalized: customers.emailNormalized,
    })
    .from(advocates)
    .innerJoin(customers, eq(customers.id, advocates.customerId))
    .where(m.byId(advocates, advocateId));
  return advocate;
}

/** The signals of a customer's own orders (at most 50). Owner: orders/. */
export async function listCustomerOrderSignals(m: MerchantScope, customerId: string): Promise<unknown[]> {
  const rows = await m.db
    .select({ signals: orders.signals })
    .from(orders)
    .where(m.where(orders, eq(orders.customerId, customerId)))
    .limit(50);
  return rows.map((row) => row.signals);
}

/** The advocate's referrals whose order was placed in the hour and the day up to `at`. Owners: referrals/, orders/. */
export async function countRecentReferrals(
  m: MerchantScope,
  advocateId: string,
  at: Date,
): Promise<{ lastHour: number; lastDay: number }> {
  const hourAgo = new Date(at.getTime() - 3_600_000).toISOString();
  const [velocity] = await m.db
    .select({
      lastHour: sql<number>`(count(*) filter (where ${orders.placedAt} >= ${hourAgo}))::int`,
      lastDay: sql<number>`count(*)::int`,
    })
    .from(referrals)
    .innerJoin(orders, eq(orders.id, referrals.orderId))
    .where(
      m.where(
        referrals,
        eq(referrals.advocateId, advocateId),
        gte(orders.placedAt, new Date(at.getTime() - 86_400_000)),
        lte(orders.placedAt, at),
      ),
    );
  return { lastHour: velocity?.lastHour ?? 0, lastDay: velocity?.lastDay ?? 0 };
}

/** The order a referral belongs to, unlocked (to lock the order first). Owner: referrals/. */
export async function findReferralOrderId(m: MerchantScope, referralId: string): Promise<string | null> {
  const [row] = await m.db
    .select({ orderId: referrals.orderId })
    .from(referrals)
    .where(m.byId(referrals, referralId));
  return row?.orderId ?? null;
}

/** Owner: orders/. */
export async function findOrderForUpdateById(
  m: MerchantScope,
  orderId: string,
): Promise<OrderRow | undefined> {
  const [order] = await m.db.select().from(orders).where(m.byId(orders, orderId)).for('update');
  return order;
}

/** Owner: referrals/. */
export async function findReferralForUpdate(
  m: MerchantScope,
  referralId: string,
): Promise<ReferralRow | undefined> {
  const [referral] = await m.db.select().from(referrals).where(m.byId(referrals, referralId)).for('update');
  return referral;
}

/** The advocate's customer, email and first name, for showing evidence. Owners: advocates/, customers/. */
export async function findAdvocateProfile(m: MerchantScope, advocateId: string) {
  const [row] = await m.db
    .select({
      advocateId: advocates.id,
      customerId: advocates.customerId,
      email: customers.email,
      emailNormalized: customers.emailNormalized,
      firstName: customers.firstName,
    })
    .from(advocates)
    .innerJoin(customers, m.joinOn(customers, advocates.customerId))
    .where(m.byId(advocates, advocateId));
  return row;
}

/** A customer's own orders (at most 50, as the fraud rules saw them), with their platform ids. Owner: orders/. */
export async function listCustomerOrders(m: MerchantScope, customerId: string) {
  return m.db
    .select({ id: orders.id, platformOrderId: orders.platformOrderId, signals: orders.signals })
    .from(orders)
    .where(m.where(orders, eq(orders.customerId, customerId)))
    .limit(50);
}

/** An order with its customer's email as typed. Owners: orders/, customers/. */
export async function findOrderWithEmail(m: MerchantScope, orderId: string) {
  const [row] = await m.db
    .select({ order: orders, customerEmail: customers.email })
    .from(orders)
    .leftJoin(customers, m.joinOn(customers, orders.customerId))
    .where(m.byId(orders, orderId));
  return row;
}

/** Referrals held for review, oldest first (first come, first judged). Owners: referrals/, orders/. */
export async function listReferralsInReview(m: MerchantScope, limit: number) {
  return m.db
    .select({ referral: referrals, platformOrderId: orders.platformOrderId })
    .from(referrals)
    .innerJoin(orders, m.joinOn(orders, referrals.orderId))
    .where(m.where(referrals, eq(referrals.status, 'review')))
    .orderBy(asc(referrals.createdAt), asc(referrals.id))
    .limit(limit);
}
