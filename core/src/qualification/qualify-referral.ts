// Qualify: eligibility and fraud decide approve / review / reject, using the program version the
// referral is judged by. Approved referrals get their rewards granted in the same transaction.
import { and, eq, gte, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { EngineContext } from '../context.js';
import type { Database } from '../db/client.js';
import { advocates, customers, orders, referrals } from '../db/schema/index.js';
import { byId } from '../db/scoped.js';
import { evaluateFraud, type FraudContext } from '../fraud/index.js';
import { emailDomain } from '../identity/index.js';
import type { OrderRow, OrderSignals } from '../orders/index.js';
import type { ProgramVersion } from '../programs/index.js';
import type { ReferralStatus } from '../referrals/index.js';
import { moveReferral } from '../referrals/index.js';
import { grantRewards } from '../rewards/index.js';

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
  const failures = await checkEligibility(db, order, rules.eligibility);
  if (failures.length > 0) {
    await moveReferral(db, referral, 'rejected', { qualification: [...notes, ...failures] });
    return 'rejected';
  }
  notes.push('Eligible: new customer and minimum order checks passed.');
  const fraud = evaluateFraud(await loadFraudContext(db, referral, order), rules.fraud);
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
  db: Database,
  order: OrderRow,
  eligibility: ProgramVersion['rules']['eligibility'],
): Promise<string[]> {
  const failures: string[] = [];
  if ((order.subtotalMinor ?? 0) < eligibility.minimumOrderMinor) {
    failures.push(
      `Order subtotal ${order.subtotalMinor} is under the minimum ${eligibility.minimumOrderMinor}.`,
    );
  }
  if (eligibility.newCustomersOnly) {
    const signals = order.signals as OrderSignals;
    if ((signals.previousOrders ?? 0) > 0) {
      failures.push(`Not a new customer: the platform reports ${signals.previousOrders} earlier order(s).`);
    } else if (order.customerId || order.emailNormalized) {
      const same = or(
        order.customerId ? eq(orders.customerId, order.customerId) : sql`false`,
        order.emailNormalized ? eq(orders.emailNormalized, order.emailNormalized) : sql`false`,
      );
      const [earlier] = await db
        .select({ id: orders.id })
        .from(orders)
        .where(
          and(
            eq(orders.merchantId, order.merchantId),
            ne(orders.id, order.id),
            same,
            lt(orders.placedAt, order.placedAt ?? new Date()),
          ),
        )
        .limit(1);
      if (earlier) failures.push('Not a new customer: an earlier order from the same person is on record.');
    }
  }
  return failures;
}

async function loadFraudContext(db: Database, referral: ReferralRow, order: OrderRow): Promise<FraudContext> {
  const [advocate] = await db
    .select({ customerId: advocates.customerId, emailNormalized: customers.emailNormalized })
    .from(advocates)
    .innerJoin(customers, eq(customers.id, advocates.customerId))
    .where(byId(advocates, referral.merchantId, referral.advocateId));
  const ownOrders = await db
    .select({ signals: orders.signals })
    .from(orders)
    .where(and(eq(orders.merchantId, order.merchantId), eq(orders.customerId, advocate!.customerId)))
    .limit(50);
  const own = ownOrders.map((o) => o.signals as OrderSignals);
  const orderAt = order.placedAt ?? new Date();
  const hourAgo = new Date(orderAt.getTime() - 3_600_000).toISOString();
  const [velocity] = await db
    .select({
      lastHour: sql<number>`(count(*) filter (where ${orders.placedAt} >= ${hourAgo}))::int`,
      lastDay: sql<number>`count(*)::int`,
    })
    .from(referrals)
    .innerJoin(orders, eq(orders.id, referrals.orderId))
    .where(
      and(
        eq(referrals.merchantId, order.merchantId),
        eq(referrals.advocateId, referral.advocateId),
        gte(orders.placedAt, new Date(orderAt.getTime() - 86_400_000)),
        lte(orders.placedAt, orderAt),
      ),
    );
  const signals = order.signals as OrderSignals;
  const distinct = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => !!x))];
  return {
    advocate: {
      customerId: advocate!.customerId,
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
    velocity: { referralsLastHour: velocity?.lastHour ?? 0, referralsLastDay: velocity?.lastDay ?? 0 },
  };
}
