// The columns that hold personal data directly: the customer row, the person's codes, the
// invitations they sent or received, and clicks on their links or from their browser.
import { and, eq, inArray, isNotNull, isNull, like, not, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { clicks, customers, friendOffers, invitations, referralCodes } from '../db/schema/index.js';
import type { PrivacySubject } from './find-subject.js';

/** A redacted code can never be typed again: normalised codes hold no dashes. */
export const REDACTED_CODE_PREFIX = 'REDACTED-';
/** Visitor ids are NOT NULL; a click from the person's browser keeps its row but not their id. */
const REDACTED_VISITOR = 'redacted';

export async function redactCustomerRows(db: Database, subject: PrivacySubject, at: Date): Promise<number> {
  const rows = await db
    .update(customers)
    .set({
      email: null,
      emailNormalized: null,
      firstName: null,
      redactedAt: sql`coalesce(${customers.redactedAt}, ${at.toISOString()}::timestamptz)`,
    })
    .where(
      and(
        eq(customers.merchantId, subject.merchantId),
        inArray(customers.id, subject.customerIds),
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

/** Codes can name a person (vanity 'ALICE10'): disabled, and their text replaced. */
export async function disableCodes(db: Database, subject: PrivacySubject, at: Date): Promise<number> {
  const rows = await db
    .update(referralCodes)
    .set({
      code: sql`${REDACTED_CODE_PREFIX} || ${referralCodes.id}::text`,
      status: 'disabled',
      disabledAt: sql`coalesce(${referralCodes.disabledAt}, ${at.toISOString()}::timestamptz)`,
    })
    .where(
      and(
        eq(referralCodes.merchantId, subject.merchantId),
        inArray(referralCodes.advocateId, subject.advocateIds),
        not(like(referralCodes.code, `${REDACTED_CODE_PREFIX}%`)),
      ),
    )
    .returning({ id: referralCodes.id });
  return rows.length;
}

/** Invitations sent by or to the person; the address is replaced by a value unique per row. */
export async function redactInvitations(db: Database, subject: PrivacySubject): Promise<number> {
  const rows = await db
    .update(invitations)
    .set({ emailNormalized: sql`'redacted:' || ${invitations.id}::text` })
    .where(
      and(
        eq(invitations.merchantId, subject.merchantId),
        or(
          inArray(invitations.advocateId, subject.advocateIds),
          inArray(invitations.emailNormalized, subject.emailsNormalized),
        ),
        not(like(invitations.emailNormalized, 'redacted:%')),
      ),
    )
    .returning({ id: invitations.id });
  return rows.length;
}

/** Clicks on the person's links and clicks from the person's browser lose IP hash, agent and URL. */
export async function redactClicks(db: Database, subject: PrivacySubject): Promise<number> {
  const fromTheirBrowser = inArray(clicks.visitorId, subject.visitorIds);
  const rows = await db
    .update(clicks)
    .set({
      ipHash: null,
      userAgent: null,
      landingUrl: null,
      visitorId: sql`case when ${fromTheirBrowser} then ${REDACTED_VISITOR} else ${clicks.visitorId} end`,
    })
    .where(
      and(
        eq(clicks.merchantId, subject.merchantId),
        or(inArray(clicks.advocateId, subject.advocateIds), fromTheirBrowser),
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

/** Welcome offers the person claimed: the email and browser id go; code, terms and status stay. */
export async function redactFriendOffers(db: Database, subject: PrivacySubject): Promise<number> {
  const theirs = or(
    inArray(friendOffers.friendEmailNormalized, subject.emailsNormalized),
    inArray(friendOffers.visitorId, subject.visitorIds),
  );
  const rows = await db
    .update(friendOffers)
    .set({
      friendEmailNormalized: sql`CASE WHEN ${friendOffers.friendEmailNormalized} IS NULL THEN NULL ELSE 'redacted:' || ${friendOffers.id}::text END`,
      visitorId: null,
    })
    .where(
      and(
        eq(friendOffers.merchantId, subject.merchantId),
        theirs,
        or(isNotNull(friendOffers.visitorId), not(like(friendOffers.friendEmailNormalized, 'redacted:%'))),
      ),
    )
    .returning({ id: friendOffers.id });
  return rows.length;
}
