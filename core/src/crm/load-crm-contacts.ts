// Loads the CRM contacts of up to a batch of customers: their referral facts as advocate and as
// referred friend, as CRM property strings, one contact per email.
import { loadAdvocateScoreInputs, scoreAdvocate } from '../advocate-score/index.js';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import type { CrmContact } from '../ports.js';
import {
  type AdvocateFacts,
  buildContactProperties,
  crmEmailOf,
  crmReferralSource,
  type FriendFacts,
} from './properties.js';
import { isUuid } from './queue.js';
import {
  loadAdvocateEmails,
  loadAdvocatesOf,
  loadCustomerEmails,
  loadFriendReferrals,
  loadLinkCodes,
  loadMerchantBasics,
  loadRewardsEarned,
} from './repository/contact-facts.js';

export type LoadCrmContactsOptions = {
  now: Date;
  /** The advocate's referral link (the Shopify app's `/r/:code?shop=` URL). */
  linkFor: (code: string, shopDomain: string | null) => string;
};

export type CrmContactBatch = {
  contacts: CrmContact[];
  /** Customers with nothing to write: no email (the CRM upserts by email), or no referral facts. */
  skipped: string[];
  /** A customer whose email another contact of the batch carries -> that contact's customer id. */
  sameAs: Record<string, string>;
};

/**
 * About ten queries however many customers (up to a batch) are asked for; each filters on the
 * merchant. They run one after another: the flush runs them in one transaction, and its connection
 * takes one query at a time.
 */
export async function loadCrmContacts(
  db: Database,
  merchantId: string,
  customerIds: string[],
  options: LoadCrmContactsOptions,
): Promise<CrmContactBatch> {
  const m = forMerchant(db, merchantId);
  const ids = [...new Set(customerIds)].filter(isUuid);
  const merchant = await loadMerchantBasics(m);
  const emails = new Map((await loadCustomerEmails(m, ids)).map((row) => [row.id, crmEmailOf(row)]));
  const reachable = ids.filter((id) => emails.get(id));
  const advocateRows = reachable.length ? await loadAdvocatesOf(m, reachable) : [];
  const friendRows = reachable.length ? await loadFriendReferrals(m, reachable) : [];

  const advocateIds = advocateRows.map((row) => row.id);
  const referrerIds = [...new Set(friendRows.map((row) => row.advocateId))];
  const codes = advocateIds.length ? await loadLinkCodes(m, advocateIds) : new Map<string, string | null>();
  const scoreInputs = await loadAdvocateScoreInputs(db, { merchantId, advocateIds, now: options.now });
  const earned = advocateIds.length
    ? await loadRewardsEarned(m, advocateIds, merchant.currency)
    : new Map<string, number>();
  const referrerEmails = referrerIds.length
    ? await loadAdvocateEmails(m, referrerIds)
    : new Map<string, string | null>();

  const advocateOf = new Map<string, AdvocateFacts>();
  for (const { id, customerId } of advocateRows) {
    const inputs = scoreInputs.get(id);
    if (!inputs) continue;
    const code = codes.get(id) ?? null;
    advocateOf.set(customerId, {
      code,
      link: code ? options.linkFor(code, merchant.shopDomain) : null,
      score: scoreAdvocate(inputs).score,
      successfulReferrals: inputs.successfulReferrals,
      referredRevenueMinor: inputs.referredRevenueMinor,
      rewardsEarnedMinor: earned.get(id) ?? 0,
      currency: merchant.currency,
      lastReferralAt: inputs.lastReferralAt,
    });
  }
  const friendOf = new Map<string, FriendFacts>(
    friendRows.map((row) => [
      row.friendId,
      {
        referredBy: referrerEmails.get(row.advocateId) ?? null,
        source: crmReferralSource(row.source, row.platformOrderId),
        status: row.status,
      },
    ]),
  );

  const skipped = ids.filter((id) => !emails.get(id) || (!advocateOf.has(id) && !friendOf.has(id)));
  const candidates = ids
    .filter((id) => !skipped.includes(id))
    // Advocates first: when two customers share an email, the advocate's contact carries both.
    .sort((a, b) => Number(advocateOf.has(b)) - Number(advocateOf.has(a)));
  return mergeByEmail(
    candidates.map((customerId) => ({
      customerId,
      email: emails.get(customerId)!,
      properties: buildContactProperties(
        advocateOf.get(customerId) ?? null,
        friendOf.get(customerId) ?? null,
      ),
    })),
    skipped,
  );
}

/** One contact per email (a CRM batch refuses the same email twice); the first one's values win. */
function mergeByEmail(contacts: CrmContact[], skipped: string[]): CrmContactBatch {
  const byEmail = new Map<string, CrmContact>();
  const sameAs: Record<string, string> = {};
  for (const contact of contacts) {
    const first = byEmail.get(contact.email);
    if (!first) {
      byEmail.set(contact.email, { ...contact, properties: { ...contact.properties } });
      continue;
    }
    sameAs[contact.customerId] = first.customerId;
    first.properties = { ...contact.properties, ...first.properties };
  }
  return { contacts: [...byEmail.values()], skipped, sameAs };
}
