// What an advocate sees of their own programme: codes, the referrals they brought and the rewards
// those earned. Friends appear only as a first name or a masked email: they are not the advocate's data.
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { advocates, customers, referralCodes, referrals, rewards } from '../db/schema/index.js';
import { maskEmail, normalizeEmail } from '../identity/index.js';
import { pickLinkCode } from './find-advocate-link-code.js';

/** The advocate by their platform customer id (storefront) or by email (CRM contact card). */
export type GetAdvocateDashboardInput = { merchantId: string } & (
  | { platformCustomerId: string; email?: undefined }
  | { email: string; platformCustomerId?: undefined }
);

type AdvocateRow = typeof advocates.$inferSelect;
type CodeRow = typeof referralCodes.$inferSelect;
type RewardRow = typeof rewards.$inferSelect;

export type DashboardReferral = {
  id: string;
  status: (typeof referrals.$inferSelect)['status'];
  createdAt: Date;
  /** The friend's first name, else their masked email (`b***@example.org`), else null (redacted). */
  friendLabel: string | null;
};

export type DashboardReward = Pick<
  RewardRow,
  'id' | 'kind' | 'currency' | 'bps' | 'holdUntil' | 'releasedAt' | 'issuedAt' | 'createdAt'
> & {
  status: 'held' | 'released' | 'issued';
  /** What the reward is worth now: the granted amount less any refund reversal. */
  amountMinor: number;
};

/** Per currency; percent discounts are left out, their value is only known at checkout. */
export type DashboardTotal = { currency: string; earnedMinor: number; pendingMinor: number };

export type AdvocateDashboard = {
  advocate: Pick<AdvocateRow, 'id' | 'programId' | 'status' | 'consentAt' | 'createdAt'> & {
    firstName: string | null;
  };
  /** Oldest first, disabled ones included. */
  codes: Pick<CodeRow, 'code' | 'kind' | 'status' | 'createdAt'>[];
  /** The code the advocate's link carries; null when suspended or every code is disabled. */
  linkCode: string | null;
  /** Newest first, at most `LIST_LIMIT`. */
  referrals: DashboardReferral[];
  /** Held, released and issued rewards, newest first, at most `LIST_LIMIT`. */
  rewards: DashboardReward[];
  totals: DashboardTotal[];
};

const LIST_LIMIT = 100;
const SHOWN_REWARD_STATUSES = ['held', 'released', 'issued'] as const;

/** The dashboard of the customer with this platform id, or null when they are not an advocate. */
export async function getAdvocateDashboard(
  db: Database,
  input: GetAdvocateDashboardInput,
): Promise<AdvocateDashboard | null> {
  // One snapshot, so the totals agree with the lists.
  return forMerchant(db, input.merchantId).transaction(({ db: tx }) => load(tx, input), {
    isolationLevel: 'repeatable read',
    accessMode: 'read only',
  });
}

async function load(db: Database, input: GetAdvocateDashboardInput) {
  const m = input.merchantId;
  const who =
    input.platformCustomerId !== undefined
      ? eq(customers.platformCustomerId, input.platformCustomerId)
      : eq(customers.emailNormalized, normalizeEmail(input.email) ?? '');
  const [advocate] = await db
    .select({
      id: advocates.id,
      programId: advocates.programId,
      status: advocates.status,
      consentAt: advocates.consentAt,
      createdAt: advocates.createdAt,
      firstName: customers.firstName,
    })
    .from(advocates)
    .innerJoin(customers, and(eq(customers.id, advocates.customerId), eq(customers.merchantId, m)))
    .where(and(eq(advocates.merchantId, m), who));
  if (!advocate) return null;

  const codes = await db
    .select({
      code: referralCodes.code,
      kind: referralCodes.kind,
      status: referralCodes.status,
      createdAt: referralCodes.createdAt,
    })
    .from(referralCodes)
    .where(and(eq(referralCodes.merchantId, m), eq(referralCodes.advocateId, advocate.id)))
    .orderBy(asc(referralCodes.createdAt), asc(referralCodes.code));

  const referralRows = await db
    .select({
      id: referrals.id,
      status: referrals.status,
      createdAt: referrals.createdAt,
      friendEmailNormalized: referrals.friendEmailNormalized,
      friendFirstName: customers.firstName,
      friendEmail: customers.email,
    })
    .from(referrals)
    .leftJoin(customers, and(eq(customers.id, referrals.friendCustomerId), eq(customers.merchantId, m)))
    .where(and(eq(referrals.merchantId, m), eq(referrals.advocateId, advocate.id)))
    .orderBy(desc(referrals.createdAt), desc(referrals.id))
    .limit(LIST_LIMIT);

  const advocateRewards = and(
    eq(rewards.merchantId, m),
    eq(rewards.advocateId, advocate.id),
    eq(rewards.recipient, 'advocate'),
    inArray(rewards.status, [...SHOWN_REWARD_STATUSES]),
  );
  const live = sql<number>`${rewards.amountMinor} - ${rewards.reversedMinor}`.mapWith(Number);
  const rewardRows = await db
    .select({
      id: rewards.id,
      kind: rewards.kind,
      status: rewards.status,
      amountMinor: live,
      currency: rewards.currency,
      bps: rewards.bps,
      holdUntil: rewards.holdUntil,
      releasedAt: rewards.releasedAt,
      issuedAt: rewards.issuedAt,
      createdAt: rewards.createdAt,
    })
    .from(rewards)
    .where(advocateRewards)
    .orderBy(desc(rewards.createdAt), desc(rewards.id))
    .limit(LIST_LIMIT);

  // Summed in SQL over every reward, not just the listed ones.
  const totals = await db
    .select({
      currency: rewards.currency,
      earnedMinor: sql<number>`coalesce(sum(${live}) filter (where ${rewards.status} = 'issued'), 0)`.mapWith(
        Number,
      ),
      pendingMinor:
        sql<number>`coalesce(sum(${live}) filter (where ${rewards.status} <> 'issued'), 0)`.mapWith(Number),
    })
    .from(rewards)
    .where(and(advocateRewards, ne(rewards.kind, 'percent_discount')))
    .groupBy(rewards.currency)
    .orderBy(rewards.currency);

  return {
    advocate,
    codes,
    linkCode: advocate.status === 'active' ? pickLinkCode(codes) : null,
    referrals: referralRows.map((row) => ({
      id: row.id,
      status: row.status,
      createdAt: row.createdAt,
      friendLabel: friendLabel(row.friendFirstName, row.friendEmailNormalized ?? row.friendEmail),
    })),
    rewards: rewardRows.map((row) => ({ ...row, status: row.status as DashboardReward['status'] })),
    totals,
  };
}

function friendLabel(firstName: string | null, email: string | null): string | null {
  const name = firstName?.trim();
  if (name) return name;
  return email ? maskEmail(email) : null;
}
