// Who a privacy request is about, within one merchant: the customer rows, advocate profiles,
// codes and orders that belong to that person, plus the identifying strings found on them.
import { and, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { advocates, customers, orders, referralCodes, referrals } from '../db/schema/index.js';
import { normalizeEmail } from '../identity/index.js';
import { accountKeys, recipientKey } from '../ledger/index.js';
import type { OrderSignals } from '../orders/index.js';

export type PrivacySubjectInput = {
  merchantId: string;
  platformCustomerId?: string | null | undefined;
  email?: string | null | undefined;
  /** Orders the platform names for this person (Shopify's `orders_to_redact` / `orders_requested`). */
  platformOrderIds?: readonly string[] | null | undefined;
};

type CustomerRow = typeof customers.$inferSelect;
type OrderRow = typeof orders.$inferSelect;

export type PrivacySubject = {
  merchantId: string;
  platformCustomerId: string | null;
  customers: CustomerRow[];
  customerIds: string[];
  /** Normalised forms (what orders, invitations and referrals store). */
  emailsNormalized: string[];
  /** Every spelling we know, lower-cased: as requested and as stored on the customer rows. */
  emails: string[];
  names: string[];
  advocateIds: string[];
  codes: { id: string; code: string }[];
  orders: OrderRow[];
  orderIds: string[];
  platformOrderIds: string[];
  /** Taken from the person's own orders: how their browser and address show up elsewhere. */
  visitorIds: string[];
  ipHashes: string[];
  addressKeys: string[];
};

const present = (values: (string | null | undefined)[]): string[] => [
  ...new Set(values.filter((v): v is string => typeof v === 'string' && v.trim() !== '')),
];

export async function findSubject(db: Database, input: PrivacySubjectInput): Promise<PrivacySubject> {
  const { merchantId } = input;
  const platformCustomerId = input.platformCustomerId?.trim() || null;
  const rawEmail = input.email?.trim().toLowerCase() || null;
  const requestedNormalized = rawEmail ? normalizeEmail(rawEmail) : null;

  // As in resolveCustomer: an email match that belongs to another platform account is someone
  // else's record (two accounts whose addresses normalise alike), so it is not this person's.
  const byEmail = or(
    requestedNormalized ? eq(customers.emailNormalized, requestedNormalized) : sql`false`,
    rawEmail ? sql`lower(${customers.email}) = ${rawEmail}` : sql`false`,
  );
  const customerRows = await db
    .select()
    .from(customers)
    .where(
      and(
        eq(customers.merchantId, merchantId),
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
  const customerIds = customerRows.map((c) => c.id);
  const emailsNormalized = present([requestedNormalized, ...customerRows.map((c) => c.emailNormalized)]);
  const emails = present([
    rawEmail,
    ...emailsNormalized,
    ...customerRows.map((c) => c.email?.trim().toLowerCase()),
  ]);

  const advocateRows = await db
    .select({ id: advocates.id })
    .from(advocates)
    .where(and(eq(advocates.merchantId, merchantId), inArray(advocates.customerId, customerIds)));
  const advocateIds = advocateRows.map((a) => a.id);
  const codes = await db
    .select({ id: referralCodes.id, code: referralCodes.code })
    .from(referralCodes)
    .where(and(eq(referralCodes.merchantId, merchantId), inArray(referralCodes.advocateId, advocateIds)));

  const requestedOrders = present([...(input.platformOrderIds ?? [])]);
  const orderRows = await db
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.merchantId, merchantId),
        or(
          inArray(orders.customerId, customerIds),
          // A guest checkout under their address, unless another customer account placed it.
          and(
            inArray(orders.emailNormalized, emailsNormalized),
            or(isNull(orders.customerId), inArray(orders.customerId, customerIds)),
          ),
          inArray(orders.platformOrderId, requestedOrders),
        ),
      ),
    );
  const signals = orderRows.map((o) => (o.signals ?? {}) as Partial<OrderSignals>);
  return {
    merchantId,
    platformCustomerId,
    customers: customerRows,
    customerIds,
    emailsNormalized,
    emails,
    names: present(customerRows.map((c) => c.firstName)),
    advocateIds,
    codes,
    orders: orderRows,
    orderIds: orderRows.map((o) => o.id),
    platformOrderIds: present([...requestedOrders, ...orderRows.map((o) => o.platformOrderId)]),
    visitorIds: present(signals.map((s) => s.visitorId)),
    ipHashes: present(signals.map((s) => s.ipHash)),
    addressKeys: present(signals.map((s) => s.addressKey)),
  };
}

/** Referrals in which the person is the friend: their order, their customer record or address. */
export const friendReferralsOf = (subject: PrivacySubject): SQL =>
  and(
    eq(referrals.merchantId, subject.merchantId),
    or(
      inArray(referrals.orderId, subject.orderIds),
      inArray(referrals.friendCustomerId, subject.customerIds),
      inArray(referrals.friendEmailNormalized, subject.emailsNormalized),
    ),
  )!;

/** Referrals the person earned as an advocate. */
export const advocateReferralsOf = (subject: PrivacySubject): SQL =>
  and(eq(referrals.merchantId, subject.merchantId), inArray(referrals.advocateId, subject.advocateIds))!;

/** The ledger accounts owned by the person: one set per advocate profile and per customer row. */
export function ledgerOwnerKeys(subject: PrivacySubject): string[] {
  const owners = [
    ...subject.advocateIds,
    ...subject.customerIds.map((id) =>
      recipientKey({ recipient: 'friend', advocateId: null, recipientCustomerId: id }),
    ),
  ];
  const { held, payable, issued, receivable } = accountKeys;
  return owners.flatMap((owner) => [held(owner), payable(owner), issued(owner), receivable(owner)]);
}
