// Who a privacy request is about, within one merchant: the customer rows, advocate profiles,
// codes and orders that belong to that person, plus the identifying strings found on them.
import type { MerchantScope } from '../db/merchant-scope.js';
import type { customers, orders } from '../db/schema/index.js';
import { normalizeEmail } from '../identity/index.js';
import { accountKeys, recipientKey } from '../ledger/index.js';
import type { OrderSignals } from '../orders/index.js';
import { findCheckoutVisitorsOf } from './repository/checkout-visitors.js';
import {
  findAdvocateIdsOfCustomers,
  findCodesOfAdvocates,
  findCustomersOfPerson,
  findOrdersOfPerson,
} from './repository/subject.js';

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

/** The person at `m`'s merchant (the input's merchantId is the same one). */
export async function findSubject(m: MerchantScope, input: PrivacySubjectInput): Promise<PrivacySubject> {
  const platformCustomerId = input.platformCustomerId?.trim() || null;
  const rawEmail = input.email?.trim().toLowerCase() || null;
  const requestedNormalized = rawEmail ? normalizeEmail(rawEmail) : null;

  const customerRows = await findCustomersOfPerson(m, {
    platformCustomerId,
    rawEmail,
    emailNormalized: requestedNormalized,
  });
  const customerIds = customerRows.map((c) => c.id);
  const emailsNormalized = present([requestedNormalized, ...customerRows.map((c) => c.emailNormalized)]);
  const emails = present([
    rawEmail,
    ...emailsNormalized,
    ...customerRows.map((c) => c.email?.trim().toLowerCase()),
  ]);

  const advocateIds = await findAdvocateIdsOfCustomers(m, customerIds);
  const codes = (await findCodesOfAdvocates(m, advocateIds)).map(({ id, code }) => ({ id, code }));

  const requestedOrders = present([...(input.platformOrderIds ?? [])]);
  const orderRows = await findOrdersOfPerson(m, {
    customerIds,
    emailsNormalized,
    platformOrderIds: requestedOrders,
  });
  const signals = orderRows.map((o) => (o.signals ?? {}) as Partial<OrderSignals>);
  const platformOrderIds = present([...requestedOrders, ...orderRows.map((o) => o.platformOrderId)]);
  // The web pixel's visitors on the person's orders are their browsers too.
  const pixelVisitors = await findCheckoutVisitorsOf(m, { platformOrderIds, visitorIds: [] });
  return {
    merchantId: m.merchantId,
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
    platformOrderIds,
    visitorIds: present([...signals.map((s) => s.visitorId), ...pixelVisitors.map((v) => v.visitorId)]),
    ipHashes: present(signals.map((s) => s.ipHash)),
    addressKeys: present(signals.map((s) => s.addressKey)),
  };
}

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
