// The columns that hold personal data directly: the customer row, the person's codes, the
// invitations they sent or received, the welcome offers they claimed, and clicks on their links
// or from their browser. Each update skips rows with nothing left to redact, so it counts only the
// rows it changed. None of these tables is privacy's; each names the owner.
import { inArray, isNotNull, isNull, like, not, or, sql } from 'drizzle-orm';
import type { MerchantScope } from '../../db/merchant-scope.js';
import { clicks, customers, friendOffers, invitations, referralCodes } from '../../db/schema/index.js';
import type { SubjectKeys } from './subject.js';

/** A redacted code can never be typed again: normalised codes hold no dashes. */
export const REDACTED_CODE_PREFIX = 'REDACTED-';
/** Visitor ids are NOT NULL; a click from the person's browser keeps its row but not their id. */
const REDACTED_VISITOR = 'redacted';

/** Owner: customers. Email and first name go; the row, its ids and its redaction time stay. */
export async function redactCustomerRows(m: MerchantScope, who: SubjectKeys, at: Date): Promise<number> {
  const rows = await m.db
    .update(customers)
    .set({
      email: null,
      emailNormalized: null,
      firstName: null,
      redactedAt: sql`coalesce(${customers.redactedAt}, ${at.toISOString()}::timestamptz)`,
    })
    .where(
      m.where(
        customers,
        inArray(customers.id, who.customerIds),
        or(
          isNotNull(customers.email),
          isNotNull(customers.emailNormalized),
          isNotNull(customers.firstName),
          isNull(customers.redactedAt),
        ),
      ),
    )
    .returning({ id: customers.id });
  return rows.length;
}

/** Owner: advocates. Codes can name a person (vanity 'ALICE10'): disabled, and their text replaced. */
export async function disableCodes(m: MerchantScope, who: SubjectKeys, at: Date): Promise<number> {
  const rows = await m.db
    .update(referralCodes)
    .set({
      code: sql`${REDACTED_CODE_PREFIX} || ${referralCodes.id}::text`,
      status: 'disabled',
      disabledAt: sql`coalesce(${referralCodes.disabledAt}, ${at.toISOString()}::timestamptz)`,
    })
    .where(
      m.where(
        referralCodes,
        inArray(referralCodes.advocateId, who.advocateIds),
        not(like(referralCodes.code, `${REDACTED_CODE_PREFIX}%`)),
      ),
    )
    .returning({ id: referralCodes.id });
  return rows.length;
}

/** Owner: advocates. Invitations sent by or to the person; the address becomes a value unique per row. */
export async function redactInvitations(m: MerchantScope, who: SubjectKeys): Promise<number> {
  const rows = await m.db
    .update(invitations)
    .set({ emailNormalized: sql`'redacted:' || ${invitations.id}::text` })
    .where(
      m.where(
        invitations,
        or(
          inArray(invitations.advocateId, who.advocateIds),
          inArray(invitations.emailNormalized, who.emailsNormalized),
        ),
        not(like(invitations.emailNormalized, 'redacted:%')),
      ),
    )
    .returning({ id: invitations.id });
  return rows.length;
}

/** Owner: clicks. Clicks on the person's links and from their browser lose IP hash, agent and URL. */
export async function redactClicks(m: MerchantScope, who: SubjectKeys): Promise<number> {
  const fromTheirBrowser = inArray(clicks.visitorId, who.visitorIds);
  const rows = await m.db
    .update(clicks)
    .set({
      ipHash: null,
      userAgent: null,
      landingUrl: null,
      visitorId: sql`case when ${fromTheirBrowser} then ${REDACTED_VISITOR} else ${clicks.visitorId} end`,
    })
    .where(
      m.where(
        clicks,
        or(inArray(clicks.advocateId, who.advocateIds), fromTheirBrowser),
        or(
          isNotNull(clicks.ipHash),
          isNotNull(clicks.userAgent),
          isNotNull(clicks.landingUrl),
          fromTheirBrowser,
        ),
      ),
    )
    .returning({ id: clicks.id });
  return rows.length;
}

/** Owner: friend-offers. Offers the person claimed: email and browser id go; code, terms and status stay. */
export async function redactFriendOffers(m: MerchantScope, who: SubjectKeys): Promise<number> {
  const theirs = or(
    inArray(friendOffers.friendEmailNormalized, who.emailsNormalized),
    inArray(friendOffers.visitorId, who.visitorIds),
  );
  const rows = await m.db
    .update(friendOffers)
    .set({
      friendEmailNormalized: sql`CASE WHEN ${friendOffers.friendEmailNormalized} IS NULL THEN NULL ELSE 'redacted:' || ${friendOffers.id}::text END`,
      visitorId: null,
    })
    .where(
      m.where(
        friendOffers,
        theirs,
        or(isNotNull(friendOffers.visitorId), not(like(friendOffers.friendEmailNormalized, 'redacted:%'))),
      ),
    )
    .returning({ id: friendOffers.id });
  return rows.length;
}
