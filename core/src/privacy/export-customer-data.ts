// customers/data_request: everything we hold on one person at one merchant, as plain JSON.
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import {
  advocates,
  attributionDecisions,
  auditLog,
  clicks,
  type customers,
  friendOffers,
  type inboundEvents,
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
import {
  advocateReferralsOf,
  findSubject,
  friendReferralsOf,
  type PrivacySubject,
  type PrivacySubjectInput,
} from './find-subject.js';
import { findSubjectInboundEvents } from './inbound-events.js';

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
  return forMerchant(db, input.merchantId).transaction(({ db: tx }) => collect(tx, input), {
    isolationLevel: 'repeatable read',
    accessMode: 'read only',
  });
}

async function collect(db: Database, input: ExportCustomerDataInput): Promise<CustomerDataExport> {
  const subject = await findSubject(db, input);
  const m = subject.merchantId;
  const advocateRows = await db
    .select()
    .from(advocates)
    .where(and(eq(advocates.merchantId, m), inArray(advocates.id, subject.advocateIds)));
  const codeRows = await db
    .select()
    .from(referralCodes)
    .where(and(eq(referralCodes.merchantId, m), inArray(referralCodes.advocateId, subject.advocateIds)));
  const clickRows = (where: ReturnType<typeof inArray>) =>
    db
      .select()
      .from(clicks)
      .where(and(eq(clicks.merchantId, m), where))
      .orderBy(asc(clicks.id));
  const asAdvocate = await clickRows(inArray(clicks.advocateId, subject.advocateIds));
  const asVisitor = await clickRows(inArray(clicks.visitorId, subject.visitorIds));
  const sent = await db
    .select()
    .from(invitations)
    .where(and(eq(invitations.merchantId, m), inArray(invitations.advocateId, subject.advocateIds)));
  const received = await db
    .select()
    .from(invitations)
    .where(
      and(eq(invitations.merchantId, m), inArray(invitations.emailNormalized, subject.emailsNormalized)),
    );
  const offers = await db
    .select()
    .from(friendOffers)
    .where(
      and(
        eq(friendOffers.merchantId, m),
        or(
          inArray(friendOffers.friendEmailNormalized, subject.emailsNormalized),
          inArray(friendOffers.visitorId, subject.visitorIds),
        ),
      ),
    );
  const refunds = await db
    .select()
    .from(orderRefunds)
    .where(
      and(eq(orderRefunds.merchantId, m), inArray(orderRefunds.platformOrderId, subject.platformOrderIds)),
    );
  const decisions = await db
    .select()
    .from(attributionDecisions)
    .where(
      and(eq(attributionDecisions.merchantId, m), inArray(attributionDecisions.orderId, subject.orderIds)),
    );
  const referralsAsAdvocate = await db.select().from(referrals).where(advocateReferralsOf(subject));
  const referralsAsFriend = await db.select().from(referrals).where(friendReferralsOf(subject));
  const rewardRows = await db
    .select()
    .from(rewards)
    .where(
      and(
        eq(rewards.merchantId, m),
        or(
          and(eq(rewards.recipient, 'advocate'), inArray(rewards.advocateId, subject.advocateIds)),
          and(eq(rewards.recipient, 'friend'), inArray(rewards.recipientCustomerId, subject.customerIds)),
        ),
      ),
    );
  const rewardIds = rewardRows.map((r) => r.id);
  const clawbacks = await db
    .select()
    .from(rewardClawbacks)
    .where(and(eq(rewardClawbacks.merchantId, m), inArray(rewardClawbacks.rewardId, rewardIds)));
  const aboutIds = [
    ...subject.customerIds,
    ...subject.advocateIds,
    ...codeRows.map((c) => c.id),
    ...subject.orderIds,
    ...referralsAsAdvocate.map((r) => r.id),
    ...referralsAsFriend.map((r) => r.id),
    ...rewardIds,
  ];
  const audit = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.merchantId, m), inArray(auditLog.subjectId, aboutIds)))
    .orderBy(asc(auditLog.id));

  return {
    generatedAt: new Date().toISOString(),
    subject: {
      merchantId: m,
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
    ledgerAccounts: await ledgerOf(db, subject),
    auditLog: audit.map(plain),
    inboundEvents: (await findSubjectInboundEvents(db, subject)).map(plain),
  };
}
