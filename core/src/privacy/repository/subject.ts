// Finding the person a privacy request is about: their customer rows, advocate profiles, codes,
// orders and referrals. None of these tables is privacy's; each query names the owner.
import { and, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { MerchantScope } from '../../db/merchant-scope.js';
import { advocates, customers, orders, referralCodes, referrals } from '../../db/schema/index.js';

/** The ids and addresses that pick out a person's rows (a PrivacySubject carries them all). */
export type SubjectKeys = {
  customerIds: readonly string[];
  advocateIds: readonly string[];
  orderIds: readonly string[];
  platformOrderIds: readonly string[];
  /** Normalised forms (what orders, invitations and referrals store). */
  emailsNormalized: readonly string[];
  visitorIds: readonly string[];
};

/** Owner: customers. The person's customer rows, by platform id or by address. */
export function findCustomersOfPerson(
  m: MerchantScope,
  who: { platformCustomerId: string | null; rawEmail: string | null; emailNormalized: string | null },
) {
  const { platformCustomerId, rawEmail, emailNormalized } = who;
  // As in resolveCustomer: an email match that belongs to another platform account is someone
  // else's record (two accounts whose addresses normalise alike), so it is not this person's.
  const byEmail = or(
    emailNormalized ? eq(customers.emailNormalized, emailNormalized) : sql`false`,
    rawEmail ? sql`lower(${customers.email}) = ${rawEmail}` : sql`false`,
  );
  return m.db
    .select()
    .from(customers)
    .where(
      m.where(
        customers,
        or(
          platformCustomerId ? eq(customers.platformCustomerId, platformCustomerId) : sql`false`,
          and(
            byEmail,
            platformCustomerId
              ? or(isNull(customers.platformCustomerId), eq(customers.platformCustomerId, platformCustomerId))
              : sql`true`,
          ),
        ),
      ),
    );
}

/** Owner: advocates. The advocate profiles of these customer rows. */
export async function findAdvocateIdsOfCustomers(m: MerchantScope, customerIds: readonly string[]) {
  const rows = await m.db
    .select({ id: advocates.id })
    .from(advocates)
    .where(m.where(advocates, inArray(advocates.customerId, customerIds)));
  return rows.map((a) => a.id);
}

/** Owner: advocates. The profiles themselves. */
export function findAdvocates(m: MerchantScope, advocateIds: readonly string[]) {
  return m.db
    .select()
    .from(advocates)
    .where(m.where(advocates, inArray(advocates.id, advocateIds)));
}

/** Owner: advocates. Every referral code of these advocates, disabled ones included. */
export function findCodesOfAdvocates(m: MerchantScope, advocateIds: readonly string[]) {
  return m.db
    .select()
    .from(referralCodes)
    .where(m.where(referralCodes, inArray(referralCodes.advocateId, advocateIds)));
}

/** Owner: orders. The person's orders: their accounts', their guest checkouts, and those named. */
export function findOrdersOfPerson(
  m: MerchantScope,
  who: Pick<SubjectKeys, 'customerIds' | 'emailsNormalized' | 'platformOrderIds'>,
) {
  return m.db
    .select()
    .from(orders)
    .where(
      m.where(
        orders,
        or(
          inArray(orders.customerId, who.customerIds),
          // A guest checkout under their address, unless another customer account placed it.
          and(
            inArray(orders.emailNormalized, who.emailsNormalized),
            or(isNull(orders.customerId), inArray(orders.customerId, who.customerIds)),
          ),
          inArray(orders.platformOrderId, who.platformOrderIds),
        ),
      ),
    );
}

/** Referrals in which the person is the friend: their order, their customer record or address. */
const asFriend = (who: SubjectKeys): SQL | undefined =>
  or(
    inArray(referrals.orderId, who.orderIds),
    inArray(referrals.friendCustomerId, who.customerIds),
    inArray(referrals.friendEmailNormalized, who.emailsNormalized),
  );

/** Referrals the person earned as an advocate. */
const asAdvocate = (who: SubjectKeys): SQL => inArray(referrals.advocateId, who.advocateIds);

/** Owner: referrals. Those in which the person is the friend. */
export function findReferralsAsFriend(m: MerchantScope, who: SubjectKeys) {
  return m.db
    .select()
    .from(referrals)
    .where(m.where(referrals, asFriend(who)));
}

/** Owner: referrals. Those the person earned as an advocate. */
export function findReferralsAsAdvocate(m: MerchantScope, who: SubjectKeys) {
  return m.db
    .select()
    .from(referrals)
    .where(m.where(referrals, asAdvocate(who)));
}

/** Owner: referrals. Those in which the person took part, on either side. */
export function findReferralsOfPerson(m: MerchantScope, who: SubjectKeys) {
  return m.db
    .select()
    .from(referrals)
    .where(m.where(referrals, or(asFriend(who), asAdvocate(who))));
}
