// One advocate as the admin shows them: who they are, their link code and every code, the score
// with its components, their newest referrals and rewards, and their ledger balances per currency
// (including what they owe after a claw-back fell short).
import { type AdvocateScore, computeAdvocateScore } from '../advocate-score/index.js';
import type { Database } from '../db/client.js';
import { forMerchant, type MerchantScope } from '../db/merchant-scope.js';
import { accountKeys } from '../ledger/index.js';
import { pickLinkCode } from './find-advocate-link-code.js';
import {
  findAdminAdvocate,
  listAdminAdvocateReferrals,
  listAdminAdvocateRewards,
  sumAdvocateLedger,
} from './repository/admin-detail.js';
import { findShopCurrency } from './repository/admin-list.js';
import { listAdvocateCodes } from './repository/dashboard.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LIST_LIMIT = 50;

/** Whether a string from a URL can be an advocate id at all (else it is simply not found). */
export const isAdvocateId = (id: string): boolean => UUID.test(id);

/** Signed the advocate's way: what the shop holds for them, or has handed out; `owedMinor` they owe back. */
export type AdvocateBalance = {
  currency: string;
  /** Rewards inside the hold window. */
  heldMinor: number;
  /** Released, waiting to be issued on the platform. */
  payableMinor: number;
  /** Handed out on the platform, net of what claw-backs recovered. */
  issuedMinor: number;
  /** What a claw-back could not take back: offset against future rewards. */
  owedMinor: number;
  /** held + payable − owed: negative when the advocate owes more than they have coming. */
  balanceMinor: number;
};

type Detail = NonNullable<Awaited<ReturnType<typeof load>>>;
export type AdvocateDetail = Detail & { score: AdvocateScore };

/** The advocate, or null when the id is no advocate of this merchant. */
export async function getAdvocate(
  db: Database,
  merchantId: string,
  advocateId: string,
  now: Date = new Date(),
): Promise<AdvocateDetail | null> {
  if (!isAdvocateId(advocateId)) return null;
  const detail = await forMerchant(db, merchantId).transaction((m) => load(m, advocateId), {
    isolationLevel: 'repeatable read',
    accessMode: 'read only',
  });
  if (!detail) return null;
  return { ...detail, score: await computeAdvocateScore(db, { merchantId, advocateId, now }) };
}

async function load(m: MerchantScope, id: string) {
  const advocate = await findAdminAdvocate(m, id);
  if (!advocate) return null;
  const currency = await findShopCurrency(m);
  const codes = await listAdvocateCodes(m, id);
  const referralRows = await listAdminAdvocateReferrals(m, id, LIST_LIMIT);
  const rewardRows = await listAdminAdvocateRewards(m, id, LIST_LIMIT);
  const ledger = await sumAdvocateLedger(m, id);
  const redacted = advocate.redactedAt !== null;
  return {
    currency,
    advocate: {
      id: advocate.id,
      status: advocate.status,
      consentAt: advocate.consentAt,
      createdAt: advocate.createdAt,
      program: { id: advocate.programId, name: advocate.programName },
      email: redacted ? null : advocate.email,
      firstName: redacted ? null : advocate.firstName,
      redacted,
    },
    codes,
    /** The code the link carries; the link works only while the advocate is active. */
    linkCode: pickLinkCode(codes),
    referrals: referralRows.map((r) => ({
      id: r.id,
      status: r.status,
      source: r.source,
      createdAt: r.createdAt,
      friend: r.friendFirstName?.trim() || r.friendEmail || r.friendEmailNormalized || null,
      orderName: r.orderName,
      order:
        r.orderTotalMinor !== null && r.orderCurrency
          ? { amountMinor: r.orderTotalMinor - r.orderRefundedMinor, currency: r.orderCurrency }
          : null,
    })),
    rewards: rewardRows,
    balances: balancesOf(id, ledger),
  };
}

/** Ledger sums (debit positive) turned into the advocate's balances, one per currency. */
function balancesOf(
  id: string,
  rows: { key: string; currency: string; sumMinor: number }[],
): AdvocateBalance[] {
  const byCurrency = new Map<string, AdvocateBalance>();
  for (const row of rows) {
    const b = byCurrency.get(row.currency) ?? {
      currency: row.currency,
      heldMinor: 0,
      payableMinor: 0,
      issuedMinor: 0,
      owedMinor: 0,
      balanceMinor: 0,
    };
    if (row.key === accountKeys.held(id)) b.heldMinor = -row.sumMinor;
    else if (row.key === accountKeys.payable(id)) b.payableMinor = -row.sumMinor;
    else if (row.key === accountKeys.issued(id)) b.issuedMinor = -row.sumMinor;
    else if (row.key === accountKeys.receivable(id)) b.owedMinor = row.sumMinor;
    b.balanceMinor = b.heldMinor + b.payableMinor - b.owedMinor;
    byCurrency.set(row.currency, b);
  }
  return [...byCurrency.values()];
}
