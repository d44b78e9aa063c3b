import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ShopifyEmulator, startShopifyEmulator } from './server.js';
import type { ShopState } from './store.js';

// biome-ignore lint/suspicious/noExplicitAny: GraphQL responses are read field by field in assertions.
type Json = any;

const SHOP = 'orders.myshopify.com';
const TOKEN = 'shpat_orders';
let clock = Date.parse('2026-11-01T00:00:00Z');
let emulator: ShopifyEmulator;
let shop: ShopState;

beforeAll(async () => {
  emulator = await startShopifyEmulator({ now: () => clock });
  shop = emulator.addShop(SHOP, TOKEN);
});
afterAll(() => emulator.close());

async function gql(query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${emulator.url}${emulator.graphqlPath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shopify-access-token': TOKEN },
    body: JSON.stringify({ query, variables }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Json;
}

const ORDERS = `query Sync($first: Int, $last: Int, $after: String, $before: String, $query: String, $reverse: Boolean) {
  orders(first: $first, last: $last, after: $after, before: $before, query: $query, sortKey: UPDATED_AT, reverse: $reverse) {
    edges { cursor node { name updatedAt } }
    pageInfo { hasNextPage hasPreviousPage endCursor startCursor }
  }
}`;

/** Follows endCursor until the last page, as a reconciliation job does. */
async function syncNames(query: string, pageSize = 2): Promise<string[]> {
  const names: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 20; page++) {
    const body: Json = await gql(ORDERS, { first: pageSize, after, query });
    expect(body.errors).toBeUndefined();
    names.push(...body.data.orders.edges.map((e: Json) => e.node.name));
    if (!body.data.orders.pageInfo.hasNextPage) return names;
    after = body.data.orders.pageInfo.endCursor;
  }
  throw new Error('did not reach the last page');
}

describe('orders', () => {
  test('returns the fields reconciliation reads, named as the 2026-10 schema names them', async () => {
    const customer = shop.addCustomer({ email: 'friend@example.com', firstName: 'Fran' });
    const order = shop.addOrder({
      name: '#2001',
      email: 'friend@example.com',
      createdAt: '2026-10-01T10:00:00.750Z',
      totalPrice: '120.00',
      subtotalPrice: '100.00',
      currencyCode: 'EUR',
      customer: { id: customer.id },
      customAttributes: [{ key: '_referral_code', value: 'ANNA10' }],
      discountCodes: ['ANNA10'],
      clientIp: '203.0.113.9',
      landingPageUrl: 'https://shop.example/?ref=ANNA10',
      refunds: [{ total: '20.00', createdAt: '2026-10-03T09:00:00Z' }],
    });
    const body = await gql(
      `query($id: ID!) { order(id: $id) {
        id legacyResourceId name email createdAt updatedAt cancelledAt displayFinancialStatus currencyCode
        totalPriceSet { shopMoney { amount currencyCode } } subtotalPriceSet { shopMoney { amount } }
        currentTotalPriceSet { shopMoney { amount } } totalRefundedSet { shopMoney { amount } }
        customer { id email firstName numberOfOrders }
        customAttributes { key value } discountCodes clientIp landingPageUrl
        customerJourneySummary { firstVisit { landingPage } }
        refunds { id createdAt totalRefundedSet { shopMoney { amount currencyCode } } }
      } }`,
      { id: order.id },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.order).toEqual({
      id: order.id,
      legacyResourceId: String(order.legacyId),
      name: '#2001',
      email: 'friend@example.com',
      createdAt: '2026-10-01T10:00:00Z',
      updatedAt: '2026-10-03T09:00:00Z',
      cancelledAt: null,
      displayFinancialStatus: 'PARTIALLY_REFUNDED',
      currencyCode: 'EUR',
      totalPriceSet: { shopMoney: { amount: '120.00', currencyCode: 'EUR' } },
      subtotalPriceSet: { shopMoney: { amount: '100.00' } },
      currentTotalPriceSet: { shopMoney: { amount: '100.00' } },
      totalRefundedSet: { shopMoney: { amount: '20.00' } },
      customer: { id: customer.id, email: 'friend@example.com', firstName: 'Fran', numberOfOrders: '1' },
      customAttributes: [{ key: '_referral_code', value: 'ANNA10' }],
      discountCodes: ['ANNA10'],
      clientIp: '203.0.113.9',
      landingPageUrl: 'https://shop.example/?ref=ANNA10',
      customerJourneySummary: { firstVisit: { landingPage: 'https://shop.example/?ref=ANNA10' } },
      refunds: [
        {
          id: order.refunds[0]?.id,
          createdAt: '2026-10-03T09:00:00Z',
          totalRefundedSet: { shopMoney: { amount: '20.00', currencyCode: 'EUR' } },
        },
      ],
    });
    const missing = await gql('{ order(id: "gid://shopify/Order/999999") { id } }');
    expect(missing.data.order).toBeNull();
  });

  test("filters on updated_at:>'ISO' and pages with cursors in updated order", async () => {
    for (const [name, updatedAt] of [
      ['#3001', '2026-10-10T00:00:00Z'],
      ['#3002', '2026-10-11T00:00:00Z'],
      ['#3003', '2026-10-12T00:00:00Z'],
      ['#3004', '2026-10-13T00:00:00Z'],
      ['#3005', '2026-10-14T00:00:00Z'],
    ] as const) {
      shop.addOrder({ name, totalPrice: '10.00', createdAt: '2026-10-09T00:00:00Z', updatedAt });
    }
    expect(await syncNames("updated_at:>'2026-10-10T00:00:00Z'")).toEqual([
      '#3002',
      '#3003',
      '#3004',
      '#3005',
    ]);
    expect(
      await syncNames("updated_at:>='2026-10-10T00:00:00Z' AND updated_at:<'2026-10-12T00:00:00Z'"),
    ).toEqual(['#3001', '#3002']);
    // A day spans the whole day.
    expect(await syncNames('updated_at:2026-10-13')).toEqual(['#3004']);
    const newest = await gql(ORDERS, { first: 1, reverse: true, query: 'updated_at:>=2026-10-10' });
    expect(newest.data.orders.edges[0].node.name).toBe('#3005');
  });

  test('a refund after the last sync moves the order into the next sync', async () => {
    clock += 24 * 3600 * 1000; // the refund happens a day after the clock's start (2026-11-01)
    const order = shop.addOrder({ name: '#4001', totalPrice: '50.00', createdAt: '2026-10-15T00:00:00Z' });
    expect(await syncNames("updated_at:>'2026-10-19T00:00:00Z'")).toEqual([]);
    shop.addRefund(order.id, { total: '50.00' });
    expect(await syncNames("updated_at:>'2026-10-19T00:00:00Z' financial_status:refunded")).toEqual([
      '#4001',
    ]);
  });

  test('cursors survive orders added between pages', async () => {
    const first = await gql(ORDERS, { first: 2, query: 'updated_at:>=2026-10-10 updated_at:<2026-10-15' });
    expect(first.data.orders.edges.map((e: Json) => e.node.name)).toEqual(['#3001', '#3002']);
    shop.addOrder({ name: '#3000', totalPrice: '1.00', updatedAt: '2026-10-10T00:00:00Z', id: 1 });
    const next = await gql(ORDERS, {
      first: 10,
      after: first.data.orders.pageInfo.endCursor,
      query: 'updated_at:>=2026-10-10 updated_at:<2026-10-15',
    });
    expect(next.data.orders.edges.map((e: Json) => e.node.name)).toEqual(['#3003', '#3004', '#3005']);
    expect(next.data.orders.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const back = await gql(ORDERS, {
      last: 2,
      before: next.data.orders.pageInfo.startCursor,
      query: 'updated_at:>=2026-10-10 updated_at:<2026-10-15',
    });
    expect(back.data.orders.edges.map((e: Json) => e.node.name)).toEqual(['#3001', '#3002']);
    expect(back.data.orders.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });

  test('refuses what it does not emulate instead of ignoring it', async () => {
    const freeText = await gql(ORDERS, { first: 5, query: 'anna' });
    expect(freeText.errors[0].extensions.code).toBe('EMULATOR_UNSUPPORTED');
    const unknownField = await gql(ORDERS, { first: 5, query: 'sku:ABC' });
    expect(unknownField.errors[0].message).toMatch(/sku/);
    const noPageSize = await gql(ORDERS, {});
    expect(noPageSize.errors[0].message).toMatch(/first or last/);
    const badTime = await gql(ORDERS, { first: 5, query: "updated_at:>'yesterday-ish'" });
    expect(badTime.errors[0].message).toMatch(/Invalid search value/);
  });
});
