// How a referral is judged, through the public paths only: a programme created in the admin with
// the editor's defaults, signed orders/paid webhooks into the app, the worker, the friend's claim
// on the app proxy, and the verdicts read back from the admin API. Issue 10, points 4, 6 and 7.
import { randomBytes, randomUUID } from 'node:crypto';
import { type EngineContext, enrollAdvocate, findMerchantByShopDomain } from '@referrals/core';
import { rowsOf } from '@referrals/core/testing';
import { dbTest } from '@referrals/core/testing/fixtures';
import { proxyQuery } from '@referrals/shopify-app/testing';
import { sendWebhook } from '@referrals/shopify-emulator';
import { pino } from 'pino';
import { describe, expect } from 'vitest';
import { type ShopifyStack, startShopifyStack } from './testing/shopify-stack.js';
import { waitFor } from './testing/wait-for.js';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const test = dbTest.extend<{ stack: ShopifyStack }>({
  stack: async ({ engine }, use) => {
    const stack = await startShopifyStack(engine, { redisUrl, logger, queuePrefix: 'qualify' });
    await use(stack);
    await stack.close();
  },
});

/** What the admin's programme editor starts from (admin program-draft.ts `defaultRules`). */
const editorDefaults = {
  friendReward: { kind: 'percent_discount', bps: 1500 },
  advocateReward: { kind: 'store_credit', amountMinor: 1000 },
  tiers: [],
  eligibility: {
    newCustomersOnly: true,
    minimumOrderMinor: 0,
    attributionWindowDays: 30,
    attributionModel: 'last_touch',
  },
  holdDays: 14,
  caps: {},
  fraud: { reviewAt: 50, rejectAt: 80, rules: {} },
};

/** The parts of GET /api/orders/:orderId/attribution (contract/referrals.ts) read here. */
type Explanation = {
  referral: {
    status: string;
    riskFindings: { rule: string; score: number; reason: string }[];
    qualification: string[];
  } | null;
  rewards: unknown[];
};

type Address = { address1: string; city: string; zip: string; country_code: string };

/** An orders/paid payload as Shopify sends it (only the fields the app reads, and a few more). */
function paidOrder(input: {
  id: number;
  customer: { id: number; email: string };
  attributes?: Record<string, string>;
  lineItems?: string;
  discount?: { code: string; amount: string };
  ip?: string;
  address?: Address;
}) {
  const lineItems = input.lineItems ?? '80.00';
  const discount = input.discount?.amount ?? '0.00';
  const subtotal = (Number(lineItems) - Number(discount)).toFixed(2);
  return {
    id: input.id,
    name: `#${input.id}`,
    email: input.customer.email,
    created_at: new Date().toISOString(),
    processed_at: new Date().toISOString(),
    currency: 'USD',
    total_line_items_price: lineItems,
    total_discounts: discount,
    subtotal_price: subtotal,
    total_price: subtotal,
    financial_status: 'paid',
    browser_ip: input.ip ?? `203.0.113.${input.id % 250}`,
    note_attributes: Object.entries(input.attributes ?? {}).map(([name, value]) => ({ name, value })),
    discount_codes: input.discount
      ? [{ code: input.discount.code, amount: discount, type: 'percentage' }]
      : [],
    customer: { id: input.customer.id, email: input.customer.email, orders_count: 1 },
    shipping_address: input.address ?? null,
  };
}

/** An installed shop with a programme saved from the admin and one enrolled advocate. */
async function setUpShop(
  engine: EngineContext,
  stack: ShopifyStack,
  rules: typeof editorDefaults = editorDefaults,
) {
  const shop = `qualify-${randomBytes(3).toString('hex')}.myshopify.com`;
  const state = stack.emulator.installApp(shop);
  const token = stack.emulator.sessionToken(shop);
  const api = async (path: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await fetch(`${stack.baseUrl}/api${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  expect((await api('/shop')).status).toBe(200); // the admin's first call installs the shop
  const merchant = await findMerchantByShopDomain(engine.db, shop);
  if (!merchant) throw new Error('not installed');
  const created = await api('/programs', { method: 'POST', body: { name: 'Give 15%, get $10', rules } });
  expect(created.status).toBe(201);
  const { programId } = created.body as { programId: string };
  const enrolled = await enrollAdvocate(engine.db, {
    merchantId: merchant.id,
    programId,
    customer: { platformCustomerId: '1001', email: 'ada.lovelace@example.com', firstName: 'Ada' },
    consentAt: new Date(),
  });
  const code = enrolled.code ?? '';
  const hook = (payload: ReturnType<typeof paidOrder>) =>
    sendWebhook({
      address: `${stack.baseUrl}/webhooks`,
      topic: 'orders/paid',
      shop,
      payload,
      secret: stack.emulator.apiSecret,
      eventId: randomUUID(),
    });
  /** Sends the order and waits until the worker has judged its referral; returns the admin's view. */
  const judge = async (payload: ReturnType<typeof paidOrder>) => {
    expect((await hook(payload)).status).toBe(200);
    return waitFor(`order ${payload.id} judged`, async () => {
      const res = await api(`/orders/${payload.id}/attribution`);
      if (res.status !== 200) return null;
      const why = res.body as Explanation;
      return why.referral && why.referral.status !== 'pending' ? why : null;
    });
  };
  /** The advocate's own order (no referral): the identities the fraud checks compare with. */
  const ownOrder = async (payload: ReturnType<typeof paidOrder>) => {
    expect((await hook(payload)).status).toBe(200);
    await waitFor(`own order ${payload.id} recorded`, async () => {
      const [order] = await rowsOf(engine.db, 'orders', merchant.id, { platformOrderId: String(payload.id) });
      return order;
    });
  };
  return { shop, state, merchant, code, api, judge, ownOrder };
}

describe('fraud checks with the default settings', () => {
  test('velocity alone sends a referral to review, with its reason in the review queue', async ({
    engine,
    stack,
  }) => {
    const { code, api, judge } = await setUpShop(engine, stack);
    const statuses: string[] = [];
    // Six friends of one advocate within the hour: the default limit is five an hour.
    for (let i = 1; i <= 6; i++) {
      const why = await judge(
        paidOrder({
          id: 6000 + i,
          customer: { id: 7000 + i, email: `friend${i}@example.org` },
          attributes: { _referral_code: code },
        }),
      );
      statuses.push(why.referral?.status ?? 'none');
      if (i === 6) {
        expect(why.referral?.riskFindings.map((f) => f.rule)).toEqual(['velocity']);
        expect(why.referral?.qualification).toContain('Held for review: risk score 50 >= 50.');
        expect(why.rewards).toEqual([]);
      }
    }
    expect(statuses).toEqual(['approved', 'approved', 'approved', 'approved', 'approved', 'review']);
    const queue = (await api('/review-queue')).body as {
      referrals: { orderId: string; findings: { rule: string; reason: string }[] }[];
    };
    expect(queue.referrals.map((r) => r.orderId)).toEqual(['6006']);
    expect(queue.referrals[0]?.findings[0]?.reason).toMatch(
      /^Unusual volume: the advocate made 6 referrals in the last hour \(limit 5\)/,
    );
  });

  test('a self-referral reason says which identity matched, masked', async ({ engine, stack }) => {
    const { code, judge, ownOrder } = await setUpShop(engine, stack);
    const home = { address1: '12 Oak Street', city: 'Springfield', zip: '12345', country_code: 'US' };
    await ownOrder(
      paidOrder({
        id: 5001,
        customer: { id: 1001, email: 'ada.lovelace@example.com' },
        ip: '198.51.100.23',
        address: home,
      }),
    );

    // A second email shipping to the advocate's own address, spelt differently: review.
    const sameAddress = await judge(
      paidOrder({
        id: 5002,
        customer: { id: 8002, email: 'roommate@example.org' },
        attributes: { _referral_code: code },
        address: { ...home, address1: '12 oak st.' },
      }),
    );
    expect(sameAddress.referral?.status).toBe('review');
    const [address] = sameAddress.referral?.riskFindings ?? [];
    expect(address?.rule).toBe('self_address');
    expect(address?.reason).toMatch(/shipping address springfield, 123\*\*, US\)$/);
    expect(address?.reason).not.toMatch(/oak|12345/i);

    // Only the advocate's network in common: approved, the finding says why it alone holds nothing.
    const sameIp = await judge(
      paidOrder({
        id: 5003,
        customer: { id: 8003, email: 'colleague@example.org' },
        attributes: { _referral_code: code },
        ip: '198.51.100.23',
      }),
    );
    expect(sameIp.referral?.status).toBe('approved');
    const [ip] = sameIp.referral?.riskFindings ?? [];
    expect(ip?.rule).toBe('self_ip');
    expect(ip?.reason).toMatch(/IP fingerprint [A-Za-z0-9_-]{6}…\); .*only counts with another match$/);
    expect(ip?.reason).not.toContain('198.51.100.23');
  });
});

describe('the friend offer minimum', () => {
  test('is checked on the line items before discounts, as Shopify checks the friend code', async ({
    engine,
    stack,
  }) => {
    const rules = {
      ...editorDefaults,
      eligibility: { ...editorDefaults.eligibility, minimumOrderMinor: 5000 },
    };
    const { shop, state, merchant, code, judge } = await setUpShop(engine, stack, rules);
    // The friend claims their welcome code on the storefront (app proxy); Shopify gets it with the
    // programme's minimum as the discount's minimum subtotal.
    const claim = await fetch(
      `${stack.baseUrl}/proxy/invite/${code}/claim?${proxyQuery(stack.emulator.apiSecret, { shop })}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: 'bea@example.org' }).toString(),
      },
    );
    expect(claim.status).toBe(200);
    const [offer] = await rowsOf(engine.db, 'friend_offers', merchant.id);
    expect(state.discounts.get(offer?.discountCode ?? '')).toMatchObject({ minimumSubtotal: '50.00' });

    // $55.00 of items, 15% off with the code: $46.75 paid. Shopify accepted the code (55 >= 50).
    const accepted = await judge(
      paidOrder({
        id: 9001,
        customer: { id: 9101, email: 'bea@example.org' },
        lineItems: '55.00',
        discount: { code: offer?.discountCode ?? '', amount: '8.25' },
      }),
    );
    expect(accepted.referral?.status).toBe('approved');
    expect(accepted.referral?.qualification).toContain(
      'Eligible: new customer and minimum order checks passed.',
    );

    // $45.00 of items is under the minimum whatever the discount.
    const small = await judge(
      paidOrder({
        id: 9002,
        customer: { id: 9102, email: 'cy@example.org' },
        attributes: { _referral_code: code },
        lineItems: '45.00',
      }),
    );
    expect(small.referral?.status).toBe('rejected');
    expect(small.referral?.qualification).toContain(
      'Order subtotal before discounts 4500 is under the minimum 5000.',
    );
  });
});
