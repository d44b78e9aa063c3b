// customers/data_request: everything we hold on one person at one merchant, as plain JSON.
import type { Database } from '../db/client.js';
import { forMerchant, type MerchantScope } from '../db/merchant-scope.js';
import type {
  advocates,
  attributionDecisions,
  auditLog,
  checkoutVisitors,
  clicks,
  customers,
  friendOffers,
  inboundEvents,
  invitations,
  orderRefunds,
  referralCodes,
  referrals,
  rewardClawbacks,
  rewards,
} from '../db/schema/index.js';
import { maskEmail } from '../identity/index.js';
import { type Exported, type LedgerAccountExport, plain } from './export-format.js';
import { ledgerOf } from './export-ledger.js';
import { findSubject, type PrivacySubject, type PrivacySubjectInput } from './find-subject.js';
import { findSubjectInboundEvents } from './inbound-events.js';
import { findCheckoutVisitorsOf } from './repository/checkout-visitors.js';
import {
  findClawbacksOf,
  findClicksFromVisitors,
  findClicksOnLinksOf,
  findDecisionsOnOrders,
  findFriendOffersOf,
  findInvitationsSentBy,
  findInvitationsTo,
  findRefundsOfOrders,
  findRewardsOf,
} from './repository/export.js';
import { findAuditRowsAbout } from './repository/records.js';
import {
  findAdvocates,
  findCodesOfAdvocates,
  findReferralsAsAdvocate,
  findReferralsAsFriend,
} from './repository/subject.js';

export type ExportCustomerDataInput = PrivacySubjectInput;

type Row<T extends { $inferSelect: unknown }> = Exported<T['$inferSelect']>;
type ReferralRow = typeof referrals.$inferSelect;

/** As an advocate sees a referral: the friend's order, account and address are theirs, not ours to hand out. */
type AdvocateReferral = Exported<
  Omit<ReferralRow, 'orderId' | 'friendCustomerId' | 'friendEmailNormalized' | 'riskFindings'>
>;

export type CustomerDataExport = {
  generatedAt: string;
  subject: {
    merchantId: string;
    platformCustomerId: string | null;
    email: string | null;
    platformOrderIds: string[];
    customerIds: string[];
  };
  customers: Row<typeof customers>[];
  advocates: Row<typeof advocates>[];
  referralCodes: Row<typeof referralCodes>[];
  clicks: {
    /** Clicks on the person's referral links (made by whoever followed them). */
    asAdvocate: { count: number; rows: Row<typeof clicks>[] };
    /** Clicks made from the person's own browser (the visitor id on their orders). */
    asVisitor: { count: number; rows: Row<typeof clicks>[] };
  };
  /** The storefront web pixel's visitor ids seen completing the person's orders' checkouts. */
  checkoutVisitors: Row<typeof checkoutVisitors>[];
  invitations: {
    /** The friend's address is masked: it is the friend's personal data. */
    sent: (Omit<Row<typeof invitations>, 'emailNormalized'> & { emailHint: string })[];
    received: Row<typeof invitations>[];
  };
  /** Welcome discounts the person claimed as a friend. */
  friendOffers: Row<typeof friendOffers>[];
  orders: (Exported<PrivacySubject['orders'][number]> & { refunds: Row<typeof orderRefunds>[] })[];
  attributionDecisions: Row<typeof attributionDecisions>[];
  referrals: { asAdvocate: AdvocateReferral[]; asFriend: Row<typeof referrals>[] };
  rewards: Row<typeof rewards>[];
  rewardClawbacks: Row<typeof rewardClawbacks>[];
  ledgerAccounts: LedgerAccountExport[];
  auditLog: Row<typeof auditLog>[];
  inboundEvents: Row<typeof inboundEvents>[];
};

export async function exportCustomerData(
  db: Database,
  input: ExportCustomerDataInput,
): Promise<CustomerDataExport> {
  // One snapshot, so the sections agree with each other.
  return forMerchant(db, input.merchantId).transaction((m) => collect(m, input), {
    isolationLevel: 'repeatable read',
    accessMode: 'read only',
  });
}

async function collect(m: MerchantScope, input: ExportCustomerDataInput): Promise<CustomerDataExport> {
  const subject = await findSubject(m, input);
  const advocateRows = await findAdvocates(m, subject.advocateIds);
  const codeRows = await findCodesOfAdvocates(m, subject.advocateIds);
  const asAdvocate = await findClicksOnLinksOf(m, subject.advocateIds);
  const asVisitor = await findClicksFromVisitors(m, subject.visitorIds);
  const pixelVisitors = await findCheckoutVisitorsOf(m, subject);
  const sent = await findInvitationsSentBy(m, subject.advocateIds);
  const received = await findInvitationsTo(m, subject.emailsNormalized);
  const offers = await findFriendOffersOf(m, subject);
  const refunds = await findRefundsOfOrders(m, subject.platformOrderIds);
  const decisions = await findDecisionsOnOrders(m, subject.orderIds);
  const referralsAsAdvocate = await findReferralsAsAdvocate(m, subject);
  const referralsAsFriend = await findReferralsAsFriend(m, subject);
  const rewardRows = await findRewardsOf(m, subject);
  const rewardIds = rewardRows.map((r) => r.id);
  const clawbacks = await findClawbacksOf(m, rewardIds);
  const aboutIds = [
    ...subject.customerIds,
    ...subject.advocateIds,
    ...codeRows.map((c) => c.id),
    ...subject.orderIds,
    ...referralsAsAdvocate.map((r) => r.id),
    ...referralsAsFriend.map((r) => r.id),
    ...rewardIds,
  ];
  const audit = await findAuditRowsAbout(m, aboutIds);

  return {
    generatedAt: new Date().toISOString(),
    subject: {
      merchantId: subject.merchantId,
      platformCustomerId: input.platformCustomerId ?? null,
      email: input.email ?? null,
      platformOrderIds: subject.platformOrderIds,
      customerIds: subject.customerIds,
    },
    customers: subject.customers.map(plain),
    advocates: advocateRows.map(plain),
    referralCodes: codeRows.map(plain),
    clicks: {
      asAdvocate: { count: asAdvocate.length, rows: asAdvocate.map(plain) },
      asVisitor: { count: asVisitor.length, rows: asVisitor.map(plain) },
    },
    checkoutVisitors: pixelVisitors.map(plain),
    invitations: {
      sent: sent.map(({ emailNormalized, ...rest }) => ({
        ...plain(rest),
        emailHint: maskEmail(emailNormalized),
      })),
      received: received.map(plain),
    },
    friendOffers: offers.map(plain),
    orders: subject.orders.map((o) => ({
      ...plain(o),
      refunds: refunds.filter((r) => r.platformOrderId === o.platformOrderId).map(plain),
    })),
    attributionDecisions: decisions.map(plain),
    referrals: {
      asAdvocate: referralsAsAdvocate.map(
        ({ orderId, friendCustomerId, friendEmailNormalized, riskFindings, ...rest }) => plain(rest),
      ),
      asFriend: referralsAsFriend.map(plain),
    },
    rewards: rewardRows.map(plain),
    rewardClawbacks: clawbacks.map(plain),
    ledgerAccounts: await ledgerOf(m, subject),
    auditLog: audit.map(plain),
    inboundEvents: (await findSubjectInboundEvents(m, subject)).map(plain),
  };
}
