// Qualify: eligibility and fraud decide approve / review / reject, using the program version the
// referral is judged by. Approved referrals get their rewards granted in the same transaction.
import type { EngineContext } from '../context.js';
import type { Database } from '../db/client.js';
import { forMerchant, type MerchantScope } from '../db/merchant-scope.js';
import type { referrals } from '../db/schema/index.js';
import { evaluateFraud, type FraudContext } from '../fraud/index.js';
import { emailDomain } from '../identity/index.js';
import type { OrderRow, OrderSignals } from '../orders/index.js';
import type { ProgramVersion } from '../programs/index.js';
import type { ReferralStatus } from '../referrals/index.js';
import { moveReferral } from '../referrals/index.js';
import { grantRewards } from '../rewards/index.js';
import {
  countRecentReferrals,
  findAdvocateIdentity,
  hasEarlierOrderBySamePerson,
  listCustomerOrderSignals,
} from './repository.js';

type ReferralRow = typeof referrals.$inferSelect;

export type QualifyInput = { referral: ReferralRow; order: OrderRow; version: ProgramVersion };

export async function qualifyReferral(
  ctx: EngineContext,
  db: Database,
  input: QualifyInput,
): Promise<ReferralStatus> {
  const { referral, order, version } = input;
  const rules = version.rules;
  const notes: string[] = [`Judged by program version ${version.version}.`];
  const m = forMerchant(db, referral.merchantId);
  const failures = await checkEligibility(m, order, rules.eligibility);
  if (failures.length > 0) {
    await moveReferral(db, referral, 'rejected', { qualification: [...notes, ...failures] });
    return 'rejected';
  }
  notes.push('Eligible: new customer and minimum order checks passed.');
  const fraud = evaluateFraud(await loadFraudContext(m, referral, order), rules.fraud);
  const risk = { riskScore: fraud.score, riskFindings: fraud.findings };
  if (fraud.decision === 'reject') {
    notes.push(`Rejected: risk score ${fraud.score} >= ${rules.fraud.rejectAt}.`);
    await moveReferral(db, referral, 'rejected', { ...risk, qualification: notes });
    return 'rejected';
  }
  if (fraud.decision === 'review') {
    notes.push(`Held for review: risk score ${fraud.score} >= ${rules.fraud.reviewAt}.`);
    await moveReferral(db, referral, 'review', { ...risk, qualification: notes });
    return 'review';
  }
  notes.push(`Approved automatically: risk score ${fraud.score}.`);
  await moveReferral(db, referral, ['qualified', 'approved'], { ...risk, qualification: notes });
  await grantRewards(ctx, db, { referral, order, version });
  return 'approved';
}

async function checkEligibility(
  m: MerchantScope,
  order: OrderRow,
  eligibility: ProgramVersion['rules']['eligibility'],
): Promise<string[]> {
  const failures: string[] = [];
  const signals = order.signals as OrderSignals;
  // As Shopify checks the friend discount's minimum: the line items before discounts. Orders stored
  // before that was kept (or from a platform that does not send it) fall back to the subtotal.
  const before = signals.subtotalBeforeDiscountsMinor ?? null;
  const subtotal = before ?? order.subtotalMinor ?? 0;
  if (subtotal < eligibility.minimumOrderMinor) {
    failures.push(
      `Order subtotal ${before !== null ? 'before discounts ' : ''}${subtotal} is under the minimum ${eligibility.minimumOrderMinor}.`,
    );
  }
  if (eligibility.newCustomersOnly) {
    if ((signals.previousOrders ?? 0) > 0) {
      failures.push(`Not a new customer: the platform reports ${signals.previousOrders} earlier order(s).`);
    } else if (order.customerId || order.emailNormalized) {
      if (await hasEarlierOrderBySamePerson(m, order))
        failures.push('Not a new customer: an earlier order from the same person is on record.');
    }
  }
  return failures;
}

async function loadFraudContext(
  m: MerchantScope,
  referral: ReferralRow,
  order: OrderRow,
): Promise<FraudContext> {
  const advocate = await findAdvocateIdentity(m, referral.advocateId);
  const own = (await listCustomerOrderSignals(m, advocate!.customerId)) as OrderSignals[];
  const velocity = await countRecentReferrals(m, referral.advocateId, order.placedAt ?? new Date());
  const signals = order.signals as OrderSignals;
  const distinct = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => !!x))];
  return {
    advocate: {
      customerId: advocate!.customerId,
      platformCustomerId: advocate!.platformCustomerId,
      emailNormalized: advocate!.emailNormalized,
      addressKeys: distinct(own.map((s) => s.addressKey)),
      ipHashes: distinct(own.map((s) => s.ipHash)),
      visitorIds: distinct(own.map((s) => s.visitorId)),
    },
    friend: {
      customerId: order.customerId,
      emailNormalized: order.emailNormalized,
      emailDomain: order.emailNormalized ? emailDomain(order.emailNormalized) : null,
      addressKey: signals.addressKey,
      ipHash: signals.ipHash,
      visitorId: signals.visitorId,
    },
    velocity: { referralsLastHour: velocity.lastHour, referralsLastDay: velocity.lastDay },
  };
}
