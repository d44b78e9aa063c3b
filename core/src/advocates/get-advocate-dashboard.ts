// What an advocate sees of their own programme: codes, the referrals they brought and the rewards
// those earned. Friends appear only as a first name or a masked email: they are not the advocate's data.
import type { Database } from '../db/client.js';
import { forMerchant, type MerchantScope } from '../db/merchant-scope.js';
import type { advocates, referralCodes, referrals, rewards } from '../db/schema/index.js';
import { maskEmail, normalizeEmail } from '../identity/index.js';
import { pickLinkCode } from './find-advocate-link-code.js';
import type { CustomerKey } from './repository/advocates.js';
import {
  findDashboardAdvocate,
  listAdvocateCodes,
  listAdvocateReferrals,
  listAdvocateRewards,
  sumAdvocateRewards,
} from './repository/dashboard.js';

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

/** The dashboard of the customer with this platform id, or null when they are not an advocate. */
export async function getAdvocateDashboard(
  db: Database,
  input: GetAdvocateDashboardInput,
): Promise<AdvocateDashboard | null> {
  // One snapshot, so the totals agree with the lists.
  return forMerchant(db, input.merchantId).transaction((m) => load(m, input), {
    isolationLevel: 'repeatable read',
    accessMode: 'read only',
  });
}

async function load(m: MerchantScope, input: GetAdvocateDashboardInput): Promise<AdvocateDashboard | null> {
  const who: CustomerKey =
    input.platformCustomerId !== undefined
      ? { platformCustomerId: input.platformCustomerId }
      : { emailNormalized: normalizeEmail(input.email) ?? '' };
  const advocate = await findDashboardAdvocate(m, who);
  if (!advocate) return null;
  const codes = await listAdvocateCodes(m, advocate.id);
  const referralRows = await listAdvocateReferrals(m, advocate.id, LIST_LIMIT);
  const rewardRows = await listAdvocateRewards(m, advocate.id, LIST_LIMIT);
  const totals = await sumAdvocateRewards(m, advocate.id);
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
