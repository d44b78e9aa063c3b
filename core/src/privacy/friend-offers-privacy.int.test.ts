// A friend's claimed welcome offer is part of what we hold on them: exported, then redacted.
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { friendOffers } from '../db/schema/index.js';
import { claimFriendOffer, deriveFriendCodeKey } from '../friend-offers/index.js';
import { buildAdvocate, buildMerchant, buildProgram } from '../testing/builders.js';
import { dbTest as test } from '../testing/fixtures.js';
import { exportCustomerData } from './export-customer-data.js';
import { redactCustomer } from './redact-customer.js';

describe('friend offers and privacy', () => {
  test('the export lists the offer; redaction removes the email and browser id, keeps code and terms', async ({
    database,
  }) => {
    const db = database.db;
    const codeKey = deriveFriendCodeKey(randomBytes(32));
    const merchant = await buildMerchant(db);
    const { programId } = await buildProgram(db, merchant.id, {
      friendReward: { kind: 'percent_discount', bps: 1500 },
    });
    const advocate = await buildAdvocate(db, merchant.id, programId);
    const visitor = '6f1d8c52-6a8e-4d3b-9a57-2b0f3f4a9c10';
    const { offer } = await claimFriendOffer(db, codeKey, {
      merchantId: merchant.id,
      referralCode: advocate.code,
      email: 'Bob.Friend@example.org',
      at: new Date(),
    });
    await claimFriendOffer(db, codeKey, {
      merchantId: merchant.id,
      referralCode: advocate.code,
      visitorId: visitor,
      at: new Date(),
    });

    const exported = await exportCustomerData(db, {
      merchantId: merchant.id,
      email: 'bob.friend@example.org',
    });
    expect(exported.friendOffers.map((o) => o.discountCode)).toEqual([offer.discountCode]);

    const counts = await redactCustomer(db, {
      merchantId: merchant.id,
      email: 'bob.friend@example.org',
      at: new Date(),
    });
    expect(counts.friendOffersRedacted).toBe(1);
    const dump = await db.execute(
      sql`SELECT row_to_json(f)::text AS j FROM friend_offers f WHERE merchant_id = ${merchant.id}`,
    );
    const text = (dump.rows as { j: string }[]).map((r) => r.j).join('\n');
    expect(text).not.toContain('bob.friend');
    const [kept] = await db.select().from(friendOffers).where(eq(friendOffers.id, offer.id));
    expect(kept).toMatchObject({ discountCode: offer.discountCode, bps: 1500, status: offer.status });
    // The anonymous visitor's offer is not Bob's: untouched.
    expect(text).toContain(visitor);
    expect(
      (await redactCustomer(db, { merchantId: merchant.id, email: 'bob.friend@example.org', at: new Date() }))
        .friendOffersRedacted,
    ).toBe(0);
  });
});
