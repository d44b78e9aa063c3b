// Touches as the engine gathers them on real PostgreSQL: each source named for what happened and
// dated when it happened, a cart code and its click counted once, and the window of the version
// in force at each touch applied to it.
import { and, eq } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { ClickWriter } from '../clicks/index.js';
import type { Database } from '../db/client.js';
import { forMerchant } from '../db/merchant-scope.js';
import { referralCodes } from '../db/schema/index.js';
import type { OrderFacts } from '../events/index.js';
import type { OrderSignals } from '../orders/index.js';
import { loadProgramBook, publishProgramVersion } from '../programs/index.js';
import { dbTest as test } from '../testing/fixtures.js';
import {
  baseRules,
  buildAdvocate,
  buildMerchant,
  buildProgram,
  deliver,
  orderFacts,
} from '../testing/index.js';
import type { AttributionSignal } from './decide-attribution.js';
import { explainOrder } from './explain-order.js';
import { gatherTouches } from './gather-touches.js';
import { findOrderByPlatformId } from './repository.js';

const DAY = 86_400_000;
const NOW = Date.now();
const daysAgo = (days: number) => new Date(NOW - days * DAY);

async function shop(db: Database, model: 'first_touch' | 'last_touch' = 'last_touch') {
  const merchant = await buildMerchant(db);
  const { programId } = await buildProgram(db, merchant.id, {
    eligibility: { attributionModel: model, attributionWindowDays: 30, newCustomersOnly: false },
  });
  const ada = await buildAdvocate(db, merchant.id, programId);
  const bob = await buildAdvocate(db, merchant.id, programId);
  return { merchant, programId, ada, bob };
}

async function click(
  db: Database,
  ipHashSalt: string,
  input: { merchantId: string; advocate: { advocateId: string; code: string }; visitorId: string; at: Date },
) {
  const writer = new ClickWriter(db, { ipHashSalt });
  const [code] = await db
    .select()
    .from(referralCodes)
    .where(and(eq(referralCodes.merchantId, input.merchantId), eq(referralCodes.code, input.advocate.code)));
  writer.record({
    merchantId: input.merchantId,
    codeId: code!.id,
    advocateId: input.advocate.advocateId,
    visitorId: input.visitorId,
    at: input.at,
  });
  await writer.close();
}

const cart = (code: string, first: Date, last = first) => ({ code, firstSeenAt: first, lastSeenAt: last });

async function decide(db: Parameters<typeof deliver>[0], merchantId: string, facts: OrderFacts) {
  await deliver(db, merchantId, { type: 'OrderPaid', ...facts });
  const why = await explainOrder(db.db, merchantId, facts.orderId);
  return { ...why!, signals: why!.signals as AttributionSignal[] };
}

describe('gatherTouches', () => {
  test('a click and the same code carried on the cart are one link touch at the click time', async ({
    engine,
  }) => {
    const { merchant, ada } = await shop(engine.db);
    await click(engine.db, engine.ipHashSalt, {
      merchantId: merchant.id,
      advocate: ada,
      visitorId: 'visitor-1',
      at: daysAgo(3),
    });
    const why = await decide(engine, merchant.id, {
      ...orderFacts({ referralCode: ada.code, visitorId: 'visitor-1' }),
      // The embed stored the code on the page the redirect landed on, a few seconds later.
      cartTouches: [cart(ada.code, new Date(daysAgo(3).getTime() + 4000))],
    });
    expect(why.referral).toMatchObject({ advocateId: ada.advocateId, source: 'link' });
    expect(why.signals).toEqual([
      {
        source: 'link',
        signal: `link click on /r/${ada.code} by visitor visitor-1 (its code also carried on the cart)`,
        advocateId: ada.advocateId,
        advocateCode: ada.code,
        at: daysAgo(3).toISOString(),
        eligible: true,
        chosen: true,
        why: 'within the 30-day window; chosen by last_touch: latest touch inside the window',
      },
    ]);
  });

  test("an older embed's bare cart code: its click dates it, else the order time, and the signal says so", async ({
    engine,
  }) => {
    const { merchant, ada, bob } = await shop(engine.db);
    await click(engine.db, engine.ipHashSalt, {
      merchantId: merchant.id,
      advocate: ada,
      visitorId: 'visitor-old',
      at: daysAgo(45),
    });
    const stale = await decide(
      engine,
      merchant.id,
      orderFacts({ referralCode: ada.code, visitorId: 'visitor-old' }),
    );
    expect(stale).toMatchObject({ credited: false, decidedBy: 'outside_window' });
    expect(stale.signals).toHaveLength(1);

    const bare = await decide(engine, merchant.id, orderFacts({ referralCode: bob.code.toLowerCase() }));
    expect(bare).toMatchObject({ credited: true, decidedBy: 'last_touch', referral: { source: 'link' } });
    expect(bare.signals[0]?.signal).toBe(
      `code ${bob.code} carried on the cart with no time recorded (older theme embed, no click by this visitor): counted at the order time`,
    );
  });

  test('first_touch credits the earliest cart touch, last_touch the latest; a typed code is the last touch', async ({
    engine,
  }) => {
    for (const [model, expected] of [
      ['first_touch', 'ada'],
      ['last_touch', 'bob'],
    ] as const) {
      const people = await shop(engine.db, model);
      const facts = {
        ...orderFacts({ referralCode: people.bob.code }),
        cartTouches: [cart(people.ada.code, daysAgo(9), daysAgo(8)), cart(people.bob.code, daysAgo(4))],
      };
      const why = await decide(engine, people.merchant.id, facts);
      expect(why.referral?.advocateId).toBe(people[expected].advocateId);
      expect(why.decidedBy).toBe(model);
      expect(why.signals.map((s) => [s.advocateCode, s.at, s.chosen])).toEqual([
        [people.ada.code, daysAgo(9).toISOString(), model === 'first_touch'],
        [people.ada.code, daysAgo(8).toISOString(), false],
        [people.bob.code, daysAgo(4).toISOString(), model === 'last_touch'],
      ]);
      expect(why.reasons.at(-1)).toContain(
        model === 'first_touch'
          ? 'first_touch: earliest touch inside the window'
          : 'last_touch: latest touch inside the window',
      );

      const typed = await decide(engine, people.merchant.id, {
        ...facts,
        ...orderFacts({ referralCode: people.bob.code, discountCodes: [people.ada.code.toLowerCase()] }),
        cartTouches: facts.cartTouches,
      });
      const typedTouch = typed.signals.find((s) => s.source === 'code');
      expect(typedTouch).toMatchObject({
        advocateId: people.ada.advocateId,
        signal: `referral code ${people.ada.code} typed at checkout: at the order time`,
      });
      // Under last_touch the code typed at checkout is the latest touch; under first_touch Ada's
      // first cart sighting still is the earliest.
      expect(typed.referral).toMatchObject({
        advocateId: people.ada.advocateId,
        source: model === 'first_touch' ? 'link' : 'code',
      });
    }
  });

  test('a cart sighting far from any click of its code is a touch of its own (a plain ?ref= URL)', async ({
    engine,
  }) => {
    const { merchant, ada, bob } = await shop(engine.db, 'first_touch');
    await click(engine.db, engine.ipHashSalt, {
      merchantId: merchant.id,
      advocate: bob,
      visitorId: 'v-2',
      at: daysAgo(6),
    });
    await click(engine.db, engine.ipHashSalt, {
      merchantId: merchant.id,
      advocate: ada,
      visitorId: 'v-2',
      at: daysAgo(2),
    });
    const why = await decide(engine, merchant.id, {
      ...orderFacts({ referralCode: ada.code, visitorId: 'v-2' }),
      cartTouches: [cart(ada.code, daysAgo(10), daysAgo(2)), cart(bob.code, daysAgo(6))],
    });
    expect(why.referral).toMatchObject({ advocateId: ada.advocateId, source: 'link' });
    expect(why.signals.map((s) => s.signal)).toEqual([
      `code ${ada.code} carried on the cart from a link or ?ref= URL, first seen ${daysAgo(10).toISOString()} by the theme embed`,
      `link click on /r/${bob.code} by visitor v-2 (its code also carried on the cart)`,
      `link click on /r/${ada.code} by visitor v-2 (its code also carried on the cart)`,
    ]);
  });

  test('what is seen and not counted is in the reasons: a malformed history, an unknown code', async ({
    engine,
  }) => {
    const { merchant, ada } = await shop(engine.db);
    const why = await decide(engine, merchant.id, {
      ...orderFacts({ referralCode: 'NOSUCHCODE' }),
      cartTouches: [cart(ada.code, daysAgo(1))],
      cartTouchesNote: 'Clamped: 1 time(s) in cart attribute _referral_touches came after the order',
    });
    expect(why.reasons.slice(0, 2)).toEqual([
      'Clamped: 1 time(s) in cart attribute _referral_touches came after the order',
      'Ignored: code NOSUCHCODE carried on the cart is not an active referral code',
    ]);
    expect(why.referral?.advocateId).toBe(ada.advocateId);
  });

  test('an order stored before the history existed (no cartTouches field) reads as none', async ({
    engine,
  }) => {
    const { merchant, ada } = await shop(engine.db);
    const facts = orderFacts({ referralCode: ada.code });
    await deliver(engine, merchant.id, { type: 'OrderPaid', ...facts });
    const gathered = await forMerchant(engine.db, merchant.id).transaction(async (m) => {
      const row = await findOrderByPlatformId(m, facts.orderId);
      const { cartTouches: _t, cartTouchesNote: _n, ...older } = row!.signals as OrderSignals;
      const book = await loadProgramBook(m.db, merchant.id);
      return gatherTouches(m.db, { ...row!, signals: older }, row!.placedAt!, book);
    });
    expect(gathered.notes).toEqual([]);
    expect(gathered.touches).toEqual([
      expect.objectContaining({ advocateId: ada.advocateId, source: 'link', advocateCode: ada.code }),
    ]);
  });

  test('each touch is judged by the window of the version in force when it happened', async ({ engine }) => {
    const merchant = await buildMerchant(engine.db);
    const { programId } = await buildProgram(
      engine.db,
      merchant.id,
      { eligibility: { attributionWindowDays: 7, newCustomersOnly: false } },
      daysAgo(60),
    );
    await publishProgramVersion(engine.db, {
      merchantId: merchant.id,
      programId,
      rules: baseRules({ eligibility: { attributionWindowDays: 30, newCustomersOnly: false } }),
      actor: 'test',
      effectiveFrom: daysAgo(5),
    });
    const ada = await buildAdvocate(engine.db, merchant.id, programId);
    const why = await decide(engine, merchant.id, {
      ...orderFacts({ referralCode: ada.code }),
      cartTouches: [cart(ada.code, daysAgo(10))],
    });
    expect(why).toMatchObject({ credited: false, decidedBy: 'outside_window' });
    expect(why.signals[0]?.why).toBe('outside window: 10 days before the order, window is 7 days');
  });
});
