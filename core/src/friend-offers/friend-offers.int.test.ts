// Friend offers on real PostgreSQL: claiming is idempotent and guarded, the offer keeps the terms
// of the version in force, the friend's code credits its advocate, and a rejection withdraws it.
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { disableCode } from '../advocates/index.js';
import type { Database } from '../db/client.js';
import { attributionDecisions, friendOffers, invitations, outbox, referrals } from '../db/schema/index.js';
import type { FriendOfferDiscount, FriendOfferIssuer } from '../ports.js';
import { publishProgramVersion } from '../programs/index.js';
import { dbTest as test } from '../testing/fixtures.js';
import { buildAdvocate, buildMerchant, buildProgram, deliver, orderFacts } from '../testing/index.js';
import {
  claimFriendOffer,
  deactivateFriendOffer,
  deriveFriendCodeKey,
  FRIEND_CODE_PREFIX,
  findFriendOffer,
  issueFriendOffer,
  markFriendOfferCreated,
} from './index.js';
import { inviteFriendWithOffer } from './invite-friend-with-offer.js';

const DAY = 86_400_000;
const codeKey = deriveFriendCodeKey(randomBytes(32));

/** The platform side, in memory: codes by their text, each used or not, active or not. */
class InMemoryFriendOfferIssuer implements FriendOfferIssuer {
  readonly codes = new Map<string, { offer: FriendOfferDiscount; active: boolean; used: boolean }>();
  creates = 0;
  onCreate: (() => Promise<void>) | null = null;

  async create(offer: FriendOfferDiscount) {
    this.creates += 1;
    await this.onCreate?.();
    if (!this.codes.has(offer.code)) this.codes.set(offer.code, { offer, active: true, used: false });
    return { platformRef: `gid://test/DiscountCodeNode/${offer.code}` };
  }

  async deactivate(offer: FriendOfferDiscount) {
    const code = this.codes.get(offer.code);
    if (code) code.active = false;
    return { used: code?.used ?? false };
  }
}

async function outboxOf(db: Database, merchantId: string, topic: string) {
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.merchantId, merchantId), eq(outbox.topic, topic)));
}

async function setUp(db: Database, rules: Parameters<typeof buildProgram>[2] = {}) {
  const merchant = await buildMerchant(db, { currency: 'EUR' });
  const program = await buildProgram(db, merchant.id, rules, new Date(Date.now() - 30 * DAY));
  const advocate = await buildAdvocate(db, merchant.id, program.programId);
  return { merchant, program, advocate };
}

describe('claimFriendOffer', () => {
  test('a first-order offer is refused to an address the engine has orders from, on the order or its customer', async ({
    engine,
  }) => {
    const { merchant, advocate } = await setUp(engine.db);
    const m = merchant.id;
    const claim = (email: string) =>
      claimFriendOffer(engine.db, codeKey, {
        merchantId: m,
        referralCode: advocate.code,
        email,
        at: new Date(),
      });
    // Her first order came in as a guest checkout: the address is on the order.
    const first = orderFacts({ customer: { id: null, email: 'Repeat.Buyer@Example.org' } });
    expect(await deliver(engine, m, { type: 'OrderPaid', ...first })).toEqual({ status: 'processed' });
    await expect(claim('repeat.buyer@example.org')).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { reason: 'not_new_customer' },
    });
    // A customer account whose order the engine knows: refused by the customer's address too.
    const account = orderFacts({ customer: { id: 'cust-known-1', email: 'known@example.org' } });
    await deliver(engine, m, { type: 'OrderPaid', ...account });
    await expect(claim('KNOWN@example.org')).rejects.toMatchObject({ code: 'VALIDATION' });
    // A cancelled order was never a first order; nothing was written for the refusals.
    const cancelled = orderFacts({ customer: { id: null, email: 'changed.mind@example.org' } });
    await deliver(engine, m, { type: 'OrderPlaced', ...cancelled });
    await deliver(engine, m, { type: 'OrderCancelled', orderId: cancelled.orderId, occurredAt: new Date() });
    expect((await claim('changed.mind@example.org')).created).toBe(true);
    expect((await claim('new.friend@example.org')).created).toBe(true);
    const rows = await engine.db.select().from(friendOffers).where(eq(friendOffers.merchantId, m));
    expect(rows.map((r) => r.friendEmailNormalized).sort()).toEqual([
      'changed.mind@example.org',
      'new.friend@example.org',
    ]);
  });

  test('an offer open to every customer is given to one who has ordered before', async ({ engine }) => {
    const { merchant, advocate } = await setUp(engine.db, {
      eligibility: { newCustomersOnly: false },
    });
    const order = orderFacts({ customer: { id: null, email: 'loyal@example.org' } });
    await deliver(engine, merchant.id, { type: 'OrderPaid', ...order });
    const { created } = await claimFriendOffer(engine.db, codeKey, {
      merchantId: merchant.id,
      referralCode: advocate.code,
      email: 'loyal@example.org',
      at: new Date(),
    });
    expect(created).toBe(true);
  });

  test('is idempotent per friend email and per (advocate, visitor), with one outbox row each', async ({
    engine,
  }) => {
    const { merchant, program, advocate } = await setUp(engine.db);
    const m = merchant.id;
    const at = new Date();
    const claims = await Promise.all(
      ['Friend.One+x@Example.com', 'friend.one@example.com', ' FRIEND.ONE@example.com '].map((email) =>
        claimFriendOffer(engine.db, codeKey, {
          merchantId: m,
          referralCode: advocate.code.toLowerCase(),
          email,
          at,
        }),
      ),
    );
    expect(claims.filter((c) => c.created)).toHaveLength(1);
    expect(new Set(claims.map((c) => c.offer.id)).size).toBe(1);
    const offer = claims[0]!.offer;
    expect(offer).toMatchObject({
      advocateId: advocate.advocateId,
      friendEmailNormalized: 'friend.one@example.com',
      status: 'pending',
      kind: 'percent_discount',
      bps: 1500,
      amountMinor: null,
      currency: 'EUR',
      minimumSubtotalMinor: null,
    });
    expect(offer.discountCode).toMatch(
      new RegExp(`^${FRIEND_CODE_PREFIX}[23456789ABCDEFGHJKMNPQRSTVWXYZ]{10}$`),
    );

    // Anonymous arrivals: one offer per advocate and visitor.
    const anon = await claimFriendOffer(engine.db, codeKey, {
      merchantId: m,
      referralCode: advocate.code,
      visitorId: 'v-1',
      at,
    });
    const again = await claimFriendOffer(engine.db, codeKey, {
      merchantId: m,
      referralCode: advocate.code,
      visitorId: 'v-1',
      at,
    });
    const other = await buildAdvocate(engine.db, m, program.programId);
    const viaOther = await claimFriendOffer(engine.db, codeKey, {
      merchantId: m,
      referralCode: other.code,
      visitorId: 'v-1',
      at,
    });
    expect([anon.created, again.created, viaOther.created]).toEqual([true, false, true]);
    expect(again.offer).toEqual(anon.offer);
    expect(viaOther.offer.discountCode).not.toBe(anon.offer.discountCode);

    // The same email through another advocate's code keeps the friend's first offer.
    const sameFriend = await claimFriendOffer(engine.db, codeKey, {
      merchantId: m,
      referralCode: other.code,
      email: 'friend.one@example.com',
      at,
    });
    expect(sameFriend).toEqual({ offer, created: false });
    const created = await outboxOf(engine.db, m, 'friend_offer.created');
    expect(
      created.map((r) => r.payload).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ).toEqual(
      [{ offerId: offer.id }, { offerId: anon.offer.id }, { offerId: viaOther.offer.id }].sort((a, b) =>
        JSON.stringify(a).localeCompare(JSON.stringify(b)),
      ),
    );
  });

  test('refuses the advocate themself, disabled or unknown codes, and programs without a discount', async ({
    engine,
  }) => {
    const { merchant, advocate } = await setUp(engine.db);
    const m = merchant.id;
    const at = new Date();
    const selfEmail = advocate.email.replace('@', '+friend@').toUpperCase();
    await expect(
      claimFriendOffer(engine.db, codeKey, {
        merchantId: m,
        referralCode: advocate.code,
        email: selfEmail,
        at,
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/own friend offer/) });
    await expect(
      claimFriendOffer(engine.db, codeKey, {
        merchantId: m,
        referralCode: 'NOSUCHCODE',
        email: 'a@example.org',
        at,
      }),
    ).rejects.toMatchObject({ code: 'INVALID_CODE' });
    await expect(
      claimFriendOffer(engine.db, codeKey, {
        merchantId: m,
        referralCode: advocate.code,
        email: 'not-an-email',
        at,
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(
      claimFriendOffer(engine.db, codeKey, { merchantId: m, referralCode: advocate.code, at }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    await disableCode(engine.db, {
      merchantId: m,
      advocateId: advocate.advocateId,
      code: advocate.code,
      actor: 't',
    });
    await expect(
      claimFriendOffer(engine.db, codeKey, {
        merchantId: m,
        referralCode: advocate.code,
        email: 'b@example.org',
        at,
      }),
    ).rejects.toMatchObject({ code: 'INVALID_CODE' });

    const credit = await setUp(engine.db, { friendReward: { kind: 'store_credit', amountMinor: 500 } });
    await expect(
      claimFriendOffer(engine.db, codeKey, {
        merchantId: credit.merchant.id,
        referralCode: credit.advocate.code,
        email: 'c@example.org',
        at,
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/no discount before purchase/),
    });
    const rows = await engine.db.select().from(friendOffers).where(eq(friendOffers.merchantId, m));
    expect(rows).toEqual([]);
    expect(await outboxOf(engine.db, m, 'friend_offer.created')).toEqual([]);
  });

  test('copies the terms of the version in force at the claim; a later version changes no given offer', async ({
    engine,
  }) => {
    const { merchant, program, advocate } = await setUp(engine.db, {
      friendReward: { kind: 'percent_discount', bps: 1000 },
      eligibility: { minimumOrderMinor: 5000 },
    });
    const m = merchant.id;
    const switchAt = new Date(Date.now() + DAY);
    const v2 = await publishProgramVersion(engine.db, {
      merchantId: m,
      programId: program.programId,
      rules: { advocateReward: null, friendReward: { kind: 'fixed_discount', amountMinor: 700 } },
      actor: 'test',
      effectiveFrom: switchAt,
    });
    const before = await claimFriendOffer(engine.db, codeKey, {
      merchantId: m,
      referralCode: advocate.code,
      email: 'early@example.org',
      at: new Date(),
    });
    const after = await claimFriendOffer(engine.db, codeKey, {
      merchantId: m,
      referralCode: advocate.code,
      email: 'late@example.org',
      at: new Date(switchAt.getTime() + 1000),
    });
    expect(before.offer).toMatchObject({
      programVersionId: program.versionId,
      kind: 'percent_discount',
      bps: 1000,
      amountMinor: null,
      minimumSubtotalMinor: 5000,
    });
    expect(after.offer).toMatchObject({
      programVersionId: v2.versionId,
      kind: 'fixed_discount',
      bps: null,
      amountMinor: 700,
      currency: 'EUR',
      minimumSubtotalMinor: null,
    });
    expect(await findFriendOffer(engine.db, m, before.offer.id)).toEqual(before.offer);
  });
});

describe('the friend offer in the referral flow', () => {
  test('an order paid with the friend code credits the advocate as a discount touch and uses the offer', async ({
    engine,
  }) => {
    const { merchant, advocate } = await setUp(engine.db);
    const m = merchant.id;
    const { offer } = await claimFriendOffer(engine.db, codeKey, {
      merchantId: m,
      referralCode: advocate.code,
      email: 'buyer@example.org',
      at: new Date(),
    });
    // A different buyer (the code travelled) still names the advocate: the code is the evidence.
    const order = orderFacts({ discountCodes: [offer.discountCode.toLowerCase()] });
    expect(await deliver(engine, m, { type: 'OrderPaid', ...order })).toEqual({ status: 'processed' });
    const [referral] = await engine.db.select().from(referrals).where(eq(referrals.merchantId, m));
    expect(referral).toMatchObject({
      advocateId: advocate.advocateId,
      codeId: offer.codeId,
      source: 'discount',
    });
    const [decision] = await engine.db
      .select()
      .from(attributionDecisions)
      .where(eq(attributionDecisions.merchantId, m));
    expect(decision?.reasons).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`friend offer code ${offer.discountCode} used at checkout`),
      ]),
    );
    expect((await findFriendOffer(engine.db, m, offer.id)).status).toBe('used');
  });

  test('a rejected referral withdraws the friend’s unused offers, once, and the worker steps follow', async ({
    engine,
  }) => {
    const { merchant, advocate } = await setUp(engine.db);
    const m = merchant.id;
    const at = new Date();
    const issuer = new InMemoryFriendOfferIssuer();
    const byEmail = await claimFriendOffer(engine.db, codeKey, {
      merchantId: m,
      referralCode: advocate.code,
      email: 'ret@example.org',
      at,
    });
    const byVisitor = await claimFriendOffer(engine.db, codeKey, {
      merchantId: m,
      referralCode: advocate.code,
      visitorId: 'v-ret',
      at,
    });
    const bystander = await claimFriendOffer(engine.db, codeKey, {
      merchantId: m,
      referralCode: advocate.code,
      email: 'ok@example.org',
      at,
    });
    expect(await issueFriendOffer(engine.db, issuer, { merchantId: m, offerId: byEmail.offer.id })).toBe(
      'created',
    );
    expect(await issueFriendOffer(engine.db, issuer, { merchantId: m, offerId: byEmail.offer.id })).toBe(
      'already_created',
    );
    expect(issuer.creates).toBe(1);
    expect(await findFriendOffer(engine.db, m, byEmail.offer.id)).toMatchObject({
      status: 'created',
      platformRef: `gid://test/DiscountCodeNode/${byEmail.offer.discountCode}`,
    });

    // A returning customer orders through the link without the code: not eligible, rejected.
    const order = orderFacts({
      referralCode: advocate.code,
      visitorId: 'v-ret',
      customer: { id: 'c-ret', email: 'RET@example.org', previousOrders: 2 },
    });
    await deliver(engine, m, { type: 'OrderPaid', ...order });
    const [referral] = await engine.db.select().from(referrals).where(eq(referrals.merchantId, m));
    expect(referral?.status).toBe('rejected');
    const withdrawn = await outboxOf(engine.db, m, 'friend_offer.deactivate');
    expect(withdrawn.map((r) => (r.payload as { offerId: string }).offerId).sort()).toEqual(
      [byEmail.offer.id, byVisitor.offer.id].sort(),
    );
    expect((await findFriendOffer(engine.db, m, bystander.offer.id)).status).toBe('pending');

    // The worker: the created code is switched off; the never-made one is not made any more.
    expect(await deactivateFriendOffer(engine.db, issuer, { merchantId: m, offerId: byEmail.offer.id })).toBe(
      'deactivated',
    );
    expect(issuer.codes.get(byEmail.offer.discountCode)?.active).toBe(false);
    expect(await issueFriendOffer(engine.db, issuer, { merchantId: m, offerId: byVisitor.offer.id })).toBe(
      'deactivated',
    );
    expect(issuer.codes.has(byVisitor.offer.discountCode)).toBe(false);
    expect(
      await deactivateFriendOffer(engine.db, issuer, { merchantId: m, offerId: bystander.offer.id }),
    ).toBe('not_withdrawn');
  });

  test('an offer withdrawn while its code is being made is switched off by the create step', async ({
    engine,
  }) => {
    const { merchant, advocate } = await setUp(engine.db);
    const m = merchant.id;
    const { offer } = await claimFriendOffer(engine.db, codeKey, {
      merchantId: m,
      referralCode: advocate.code,
      email: 'race@example.org',
      at: new Date(),
    });
    const issuer = new InMemoryFriendOfferIssuer();
    issuer.onCreate = async () => {
      await engine.db
        .update(friendOffers)
        .set({ status: 'deactivated' })
        .where(eq(friendOffers.id, offer.id));
    };
    expect(await issueFriendOffer(engine.db, issuer, { merchantId: m, offerId: offer.id })).toBe(
      'deactivated',
    );
    expect(issuer.codes.get(offer.discountCode)?.active).toBe(false);
    const marked = await markFriendOfferCreated(engine.db, {
      merchantId: m,
      offerId: offer.id,
      platformRef: 'x',
    });
    expect(marked.status).toBe('deactivated');
  });
});

describe('inviteFriendWithOffer', () => {
  test('records the invitation and the friend offer together, only for a discount program', async ({
    engine,
  }) => {
    const { merchant, advocate } = await setUp(engine.db);
    const m = merchant.id;
    const at = new Date();
    const first = await inviteFriendWithOffer(engine.db, codeKey, {
      merchantId: m,
      advocateId: advocate.advocateId,
      email: 'Pal@Example.org',
      at,
    });
    expect(first).toMatchObject({ invited: true, offerCreated: true });
    expect(first.offer).toMatchObject({ codeId: null, friendEmailNormalized: 'pal@example.org' });
    const second = await inviteFriendWithOffer(engine.db, codeKey, {
      merchantId: m,
      advocateId: advocate.advocateId,
      email: 'pal@example.org',
      at,
    });
    expect(second).toEqual({ invited: false, offer: first.offer, offerCreated: false });

    // Inviting oneself is refused as a whole: no invitation, no offer.
    await expect(
      inviteFriendWithOffer(engine.db, codeKey, {
        merchantId: m,
        advocateId: advocate.advocateId,
        email: advocate.email,
        at,
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    const invited = await engine.db.select().from(invitations).where(eq(invitations.merchantId, m));
    expect(invited.map((i) => i.emailNormalized)).toEqual(['pal@example.org']);

    const credit = await setUp(engine.db, { friendReward: { kind: 'store_credit', amountMinor: 500 } });
    expect(
      await inviteFriendWithOffer(engine.db, codeKey, {
        merchantId: credit.merchant.id,
        advocateId: credit.advocate.advocateId,
        email: 'pal@example.org',
        at,
      }),
    ).toEqual({ invited: true, offer: null, offerCreated: false });
  });
});
