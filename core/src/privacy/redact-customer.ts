// customers/redact: anonymise one person at one merchant. Personal data goes; ids, amounts,
// currencies, statuses and the (append-only) ledger stay, so the books still balance and every
// reward can still be explained by its ids. Safe to run again: a second run changes nothing.
import { recordAudit } from '../audit/index.js';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { findSubject, type PrivacySubjectInput } from './find-subject.js';
import { redactSubjectInboundEvents } from './inbound-events.js';
import { redactPrivacyRequests } from './privacy-requests.js';
import { redactAuditRows, redactDecisions, redactOrders, redactReferrals } from './redact-records.js';
import { deleteCheckoutVisitorsOf } from './repository/checkout-visitors.js';
import {
  disableCodes,
  REDACTED_CODE_PREFIX,
  redactClicks,
  redactCustomerRows,
  redactFriendOffers,
  redactInvitations,
} from './repository/personal-columns.js';
import { findReferralsOfPerson } from './repository/subject.js';
import { buildScrubber } from './scrub.js';

export type RedactCustomerInput = PrivacySubjectInput & {
  /** When the redaction happens (stamped on the customer, its codes and the inbox markers). */
  at: Date;
  actor?: string;
};

/** Rows changed, per kind; a repeated redaction returns zeros. */
export type RedactionCounts = {
  customersRedacted: number;
  ordersRedacted: number;
  attributionDecisionsRedacted: number;
  referralsRedacted: number;
  codesDisabled: number;
  invitationsRedacted: number;
  friendOffersRedacted: number;
  clicksRedacted: number;
  /** The web pixel's (order, visitor) joins of the person's orders or browsers: deleted. */
  checkoutVisitorsDeleted: number;
  auditRowsRedacted: number;
  /** Recorded compliance requests about the person: contact details and export copies removed. */
  privacyRequestsRedacted: number;
  inboundEventsRedacted: number;
  /** Inbox rows about the person not yet processed: left intact; run the redaction again later. */
  inboundEventsPending: number;
};

export async function redactCustomer(db: Database, input: RedactCustomerInput): Promise<RedactionCounts> {
  return forMerchant(db, input.merchantId).transaction(async (m) => {
    const subject = await findSubject(m, input);
    const identifiers = {
      anywhere: [...subject.emails, ...subject.visitorIds, ...subject.ipHashes, ...subject.addressKeys],
      codes: subject.codes.map((c) => c.code).filter((c) => !c.startsWith(REDACTED_CODE_PREFIX)),
    };
    // Names are scrubbed only in rows about the person: in anyone else's row an "Alice" may be
    // somebody else. Their identifiers (address, code, browser) are theirs wherever they appear.
    const scrub = buildScrubber({ ...identifiers, words: subject.names });
    const traces = buildScrubber(identifiers);
    const referralIds = (await findReferralsOfPerson(m, subject)).map((r) => r.id);

    const decisions = await redactDecisions(m, subject, traces);
    const aboutIds = [
      ...subject.customerIds,
      ...subject.advocateIds,
      ...subject.codes.map((c) => c.id),
      ...subject.orderIds,
      ...referralIds,
    ];
    const counts: RedactionCounts = {
      customersRedacted: await redactCustomerRows(m, subject, input.at),
      ordersRedacted: (await redactOrders(m, subject, scrub)) + decisions.otherOrders,
      attributionDecisionsRedacted: decisions.decisions,
      referralsRedacted: await redactReferrals(m, subject, scrub),
      codesDisabled: await disableCodes(m, subject, input.at),
      invitationsRedacted: await redactInvitations(m, subject),
      friendOffersRedacted: await redactFriendOffers(m, subject),
      clicksRedacted: await redactClicks(m, subject),
      checkoutVisitorsDeleted: await deleteCheckoutVisitorsOf(m, subject),
      auditRowsRedacted: await redactAuditRows(m, aboutIds, scrub),
      privacyRequestsRedacted: await redactPrivacyRequests(m, subject, scrub, input.at),
      ...(await redactSubjectInboundEvents(m, subject, traces, input.at)),
    };

    // The record of the redaction holds ids and counts only.
    const after = { ...counts, redactedAt: input.at.toISOString() };
    for (const customerId of subject.customerIds.length > 0 ? subject.customerIds : [null]) {
      await recordAudit(m.db, {
        merchantId: m.merchantId,
        actor: input.actor ?? 'privacy',
        action: 'customer.redacted',
        subjectType: customerId ? 'customer' : 'privacy_request',
        subjectId: customerId ?? subject.platformCustomerId ?? 'unmatched',
        after,
      });
    }
    return counts;
  });
}
