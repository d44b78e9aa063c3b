// The referral trail on real PostgreSQL: exact status changes while the outbox holds them, and the
// same story derived from the referral, the audit log and the rewards once they are purged.
import { and, eq } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { outbox } from '../db/schema/index.js';
import { reviewReferral } from '../qualification/index.js';
import { dbTest as test } from '../testing/fixtures.js';
import { buildAdvocate, buildMerchant, buildProgram, deliver, orderFacts } from '../testing/index.js';
import { explainReferral } from './explain-referral.js';
import { findOrderByPlatformId, findReferralOfOrder } from './repository.js';

const moves = (trail: { transitions: { from: string | null; to: string }[] } | null) =>
  trail?.transitions.map((t) => `${t.from ?? '-'}>${t.to}`);

async function referralIdOf(db: Database, merchantId: string, platformOrderId: string) {
  return forMerchant(db, merchantId).transaction(async (m) => {
    const order = await findOrderByPlatformId(m, platformOrderId);
    return (await findReferralOfOrder(m, order!.id))!.id;
  });
}

const purgeOutbox = (db: Database, merchantId: string) =>
  db
    .delete(outbox)
    .where(and(eq(outbox.merchantId, merchantId), eq(outbox.topic, 'referral.status_changed')));

describe('explainReferral', () => {
  test('a reviewed and then fully refunded referral, recorded and derived, tells the same story', async ({
    engine,
  }) => {
    const merchant = await buildMerchant(engine.db);
    const { programId } = await buildProgram(engine.db, merchant.id, {
      fraud: { reviewAt: 0, rejectAt: 100 },
    });
    const advocate = await buildAdvocate(engine.db, merchant.id, programId);
    const facts = orderFacts({ referralCode: advocate.code });
    await deliver(engine, merchant.id, { type: 'OrderPaid', ...facts });
    const referralId = await referralIdOf(engine.db, merchant.id, facts.orderId);
    await reviewReferral(engine, {
      merchantId: merchant.id,
      referralId,
      verdict: 'approve',
      actor: 'staff:7',
      note: 'Known customer.',
    });
    await deliver(engine, merchant.id, {
      type: 'OrderRefunded',
      orderId: facts.orderId,
      refundId: 'r1',
      amountMinor: facts.totalMinor,
      currency: facts.currency,
      occurredAt: new Date(),
    });

    const expected = ['->pending', 'pending>review', 'review>approved', 'approved>reversed'];
    const recorded = await explainReferral(engine.db, merchant.id, referralId);
    expect(recorded?.transitionsRecorded).toBe(true);
    expect(moves(recorded)).toEqual(expected);

    await purgeOutbox(engine.db, merchant.id);
    const derived = await explainReferral(engine.db, merchant.id, referralId);
    expect(derived?.transitionsRecorded).toBe(false);
    expect(moves(derived)).toEqual(expected);
    for (const trail of [recorded, derived]) {
      expect(trail?.transitions[2]).toMatchObject({ actor: 'staff:7', note: 'Known customer.' });
      expect(trail?.transitions[3]?.cause).toBe('The order was fully refunded.');
      expect(trail?.refunds).toHaveLength(1);
      expect(trail?.rewards[0]?.status).toBe('voided');
    }
  });

  test('an automatically approved referral; another shop and a non-id find nothing', async ({ engine }) => {
    const merchant = await buildMerchant(engine.db);
    const other = await buildMerchant(engine.db);
    const { programId } = await buildProgram(engine.db, merchant.id);
    const advocate = await buildAdvocate(engine.db, merchant.id, programId);
    const facts = orderFacts({ referralCode: advocate.code });
    await deliver(engine, merchant.id, { type: 'OrderPaid', ...facts });
    const referralId = await referralIdOf(engine.db, merchant.id, facts.orderId);
    await purgeOutbox(engine.db, merchant.id);
    const trail = await explainReferral(engine.db, merchant.id, referralId);
    expect(moves(trail)).toEqual(['->pending', 'pending>qualified', 'qualified>approved']);
    expect(trail?.transitions[2]?.cause).toBe('Approved automatically: eligible and low risk.');
    expect(trail?.attribution.credited).toBe(true);
    expect(await explainReferral(engine.db, other.id, referralId)).toBeNull();
    expect(await explainReferral(engine.db, merchant.id, 'nope')).toBeNull();
  });
});
