// Issue 10, points 1-3, over the public paths only: clicks on /r/:code, signed orders/paid
// webhooks into the app, the worker deciding, and the admin's JSON API reading the decision.
// 1. a link referral is `link` (a typed advocate code is `code`); 2. the window applies to a code
// carried on the cart (it is dated by its click); 3. first-touch credits the first advocate.
import { randomBytes } from 'node:crypto';
import type { EngineContext } from '@referrals/core';
import { buildAdvocate, buildProgram, rowsOf } from '@referrals/core/testing';
import { dbTest } from '@referrals/core/testing/fixtures';
import { sendWebhook } from '@referrals/shopify-emulator';
import { pino } from 'pino';
import { describe, expect } from 'vitest';
import { type ShopifyStack, startShopifyStack } from './testing/shopify-stack.js';
import { waitFor } from './testing/wait-for.js';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const test = dbTest.extend<{ stack: ShopifyStack }>({
  stack: async ({ engine }, use) => {
    const stack = await startShopifyStack(engine, { redisUrl, logger, queuePrefix: 'attribution' });
    await use(stack);
    await stack.close();
  },
});

const DAY_MS = 86_400_000;
type Signal = {
  source: string;
  signal: string;
  advocateId: string;
  advocateCode: string | null;
  at: string;
  eligible: boolean;
  chosen: boolean;
  why: string;
};
type Explanation = {
  credited: boolean;
  decidedBy: string;
  reasons: string[];
  signals: Signal[];
  referral: { advocateId: string; source: string } | null;
};

/** An installed shop with a programme, two advocates and helpers for its public paths. */
async function openShop(engine: EngineContext, stack: ShopifyStack, model: 'first_touch' | 'last_touch') {
  const shop = `attr-${randomBytes(3).toString('hex')}.myshopify.com`;
  stack.emulator.installApp(shop);
  const merchant = await stack.platform.sessions.install(shop, stack.emulator.sessionToken(shop));
  const { programId } = await buildProgram(engine.db, merchant.id, {
    eligibility: { attributionModel: model, attributionWindowDays: 30 },
    fraud: { rules: { velocity: { enabled: false } } },
  });
  const ada = await buildAdvocate(engine.db, merchant.id, programId);
  const bob = await buildAdvocate(engine.db, merchant.id, programId);
  let orderId = 8000;
  const clicksOf = new Map<string, number>();

  /** GET /r/:code as a browser: the visitor cookie it was given comes back on the next click. */
  const click = async (code: string, visitor?: string) => {
    const res = await fetch(`${stack.baseUrl}/r/${code}?shop=${shop}`, {
      redirect: 'manual',
      headers: visitor ? { cookie: `_rv=${visitor}` } : {},
    });
    expect(res.status).toBe(302);
    const rv = new URL(res.headers.get('location') ?? '').searchParams.get('rv') ?? '';
    const seen = (clicksOf.get(rv) ?? 0) + 1;
    clicksOf.set(rv, seen);
    // The click is written in batches, just after the redirect: its server time is what counts.
    const at = await waitFor('click stored', async () => {
      const rows = await rowsOf(engine.db, 'clicks', merchant.id, { visitorId: rv });
      if (rows.length < seen) return null;
      return rows.map((r) => r.occurredAt).sort((a, b) => b.getTime() - a.getTime())[0];
    });
    return { visitor: rv, at };
  };

  /** orders/paid, signed like Shopify, with these cart attributes; resolves with the admin's explanation. */
  const order = async (input: {
    attributes?: Record<string, string>;
    discountCodes?: string[];
    createdAt?: Date;
    /** The buyer's email; a friend's own address unless given. */
    email?: string;
  }): Promise<Explanation> => {
    orderId += 1;
    const created = (input.createdAt ?? new Date()).toISOString();
    const email = input.email ?? `friend${orderId}@example.org`;
    const payload = {
      id: orderId,
      email,
      created_at: created,
      processed_at: created,
      currency: 'USD',
      total_price: '100.00',
      subtotal_price: '100.00',
      financial_status: 'paid',
      note_attributes: Object.entries(input.attributes ?? {}).map(([name, value]) => ({ name, value })),
      discount_codes: (input.discountCodes ?? []).map((code) => ({
        code,
        amount: '10.00',
        type: 'percentage',
      })),
      customer: { id: 900_000 + orderId, email, orders_count: 1 },
    };
    const sent = await sendWebhook({
      address: `${stack.baseUrl}/webhooks`,
      topic: 'orders/paid',
      shop,
      payload,
      secret: stack.emulator.apiSecret,
    });
    expect(sent.status).toBe(200);
    const explain = () =>
      fetch(`${stack.baseUrl}/api/orders/${orderId}/attribution`, {
        headers: { authorization: `Bearer ${stack.emulator.sessionToken(shop)}` },
      });
    return waitFor('order decided', async () => {
      const res = await explain();
      if (res.status !== 200) return null;
      const body = (await res.json()) as Explanation;
      return body.decidedBy === 'not_yet_decided' ? null : body;
    });
  };
  return { ada, bob, click, order };
}

const seconds = (at: Date) => Math.floor(at.getTime() / 1000);

describe('attribution over the public paths', () => {
  test('a click on /r/:code then an order carrying the cart code and visitor is a link referral', async ({
    engine,
    stack,
  }) => {
    const { ada, click, order } = await openShop(engine, stack, 'last_touch');
    const { visitor, at } = await click(ada.code);
    const viaLink = await order({ attributes: { _referral_code: ada.code, _referral_visitor: visitor } });
    expect(viaLink.referral).toMatchObject({ advocateId: ada.advocateId, source: 'link' });
    expect(viaLink.signals).toEqual([
      expect.objectContaining({
        source: 'link',
        advocateCode: ada.code,
        at: at.toISOString(),
        chosen: true,
        signal: `link click on /r/${ada.code} by visitor ${visitor} (its code also carried on the cart)`,
      }),
    ]);
  });

  test("an order with the advocate's code only in its discount codes is a code referral", async ({
    engine,
    stack,
  }) => {
    const { bob, order } = await openShop(engine, stack, 'last_touch');
    const typed = await order({ discountCodes: [bob.code.toLowerCase()] });
    expect(typed.referral).toMatchObject({ advocateId: bob.advocateId, source: 'code' });
    expect(typed.signals).toEqual([
      expect.objectContaining({
        source: 'code',
        signal: `referral code ${bob.code} typed at checkout: at the order time`,
      }),
    ]);
  });

  test('an advocate who types their own code is not credited, and the reason names the matching email, masked', async ({
    engine,
    stack,
  }) => {
    const { ada, order } = await openShop(engine, stack, 'last_touch');
    const own = await order({ discountCodes: [ada.code], email: ada.email.toUpperCase() });
    expect(own).toMatchObject({ credited: false, decidedBy: 'self_referral', referral: null });
    const masked = `${ada.email[0]}***${ada.email.slice(ada.email.indexOf('@'))}`;
    expect(own.signals).toEqual([
      expect.objectContaining({
        source: 'code',
        eligible: false,
        why: `self-referral: the buyer's email ${masked} is the advocate's own; never credit an advocate for their own order`,
      }),
    ]);
    expect(JSON.stringify(own)).not.toContain(ada.email);
  });

  test('a click older than the window, its code still carried on the cart, credits nobody', async ({
    engine,
    stack,
  }) => {
    const { ada, click, order } = await openShop(engine, stack, 'last_touch');
    const { visitor, at } = await click(ada.code);
    const later = new Date(at.getTime() + 31 * DAY_MS);
    // An older embed's cart (the code alone) and the current one (with its stored time).
    const carts: Record<string, string>[] = [
      { _referral_code: ada.code, _referral_visitor: visitor },
      {
        _referral_code: ada.code,
        _referral_visitor: visitor,
        _referral_touches: `${ada.code}:${seconds(at)}:${seconds(at)}`,
      },
    ];
    for (const attributes of carts) {
      const stale = await order({ attributes, createdAt: later });
      expect(stale).toMatchObject({ credited: false, decidedBy: 'outside_window', referral: null });
      expect(stale.signals).toEqual([
        expect.objectContaining({
          source: 'link',
          at: at.toISOString(),
          eligible: false,
          why: 'outside window: 31 days before the order, window is 30 days',
        }),
      ]);
    }
    // Without a visitor id the stored time alone dates the cart code.
    const cartOnly = await order({
      attributes: {
        _referral_code: ada.code,
        _referral_touches: `${ada.code}:${seconds(at)}:${seconds(at)}`,
      },
      createdAt: later,
    });
    expect(cartOnly).toMatchObject({ credited: false, decidedBy: 'outside_window' });
  });

  test.for([
    ['first_touch', 'ada'],
    ['last_touch', 'bob'],
  ] as const)(
    'Ada then Bob (clicks, or cart touches alone): %s credits %s',
    async ([model, expected], { engine, stack }) => {
      const shop = await openShop(engine, stack, model);
      const { ada, bob } = shop;
      const rule = model === 'first_touch' ? 'earliest' : 'latest';

      // Clicks on Ada's link, then Bob's, in one browser; the embed kept both codes, Bob's is the latest.
      const first = await shop.click(ada.code);
      const second = await shop.click(bob.code, first.visitor);
      expect(second.visitor).toBe(first.visitor);
      const clicked = await shop.order({
        attributes: {
          _referral_code: bob.code,
          _referral_visitor: first.visitor,
          _referral_touches: `${ada.code}:${seconds(first.at)}:${seconds(first.at)}|${bob.code}:${seconds(second.at)}:${seconds(second.at)}`,
        },
      });
      expect(clicked.referral).toMatchObject({ advocateId: shop[expected].advocateId, source: 'link' });
      expect(clicked.decidedBy).toBe(model);
      expect(clicked.signals.map((s) => [s.advocateCode, s.at, s.chosen])).toEqual([
        [ada.code, first.at.toISOString(), expected === 'ada'],
        [bob.code, second.at.toISOString(), expected === 'bob'],
      ]);
      expect(clicked.reasons.at(-1)).toContain(`${model}: ${rule} touch inside the window`);

      // No clicks: two plain ?ref= visits days apart, known only from the embed's history.
      const now = seconds(new Date());
      const carried = await shop.order({
        attributes: {
          _referral_code: bob.code,
          _referral_touches: `${ada.code}:${now - 9 * 86_400}:${now - 9 * 86_400}|${bob.code}:${now - 4 * 86_400}:${now - 4 * 86_400}`,
        },
      });
      expect(carried.referral).toMatchObject({ advocateId: shop[expected].advocateId, source: 'link' });
      expect(carried.signals.map((s) => s.advocateCode)).toEqual([ada.code, bob.code]);
      expect(carried.signals.find((s) => s.chosen)?.why).toBe(
        `within the 30-day window; chosen by ${model}: ${rule} touch inside the window`,
      );
    },
  );
});
