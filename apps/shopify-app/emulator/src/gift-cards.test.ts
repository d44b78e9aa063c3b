import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ShopifyEmulator, startShopifyEmulator } from './server.js';
import type { ShopState } from './store.js';

// biome-ignore lint/suspicious/noExplicitAny: GraphQL responses are read field by field in assertions.
type Json = any;

const SHOP = 'cards.myshopify.com';
const TOKEN = 'shpat_cards';
let clock = Date.parse('2026-11-01T12:00:00Z');
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
  const body = (await res.json()) as Json;
  expect(body.errors).toBeUndefined();
  return body.data;
}

const CREATE = `mutation($input: GiftCardCreateInput!) {
  giftCardCreate(input: $input) {
    giftCard { id enabled balance { amount currencyCode } initialValue { amount } lastCharacters maskedCode
      note expiresOn createdAt customer { id } }
    giftCardCode
    userErrors { field code message }
  }
}`;
const DEACTIVATE = `mutation($id: ID!) {
  giftCardDeactivate(id: $id) { giftCard { id enabled deactivatedAt } userErrors { field code message } }
}`;

const create = async (input: Record<string, unknown>) => (await gql(CREATE, { input })).giftCardCreate;

describe('gift cards', () => {
  test('creates a gift card for a customer with the given code', async () => {
    const customer = shop.addCustomer({ email: 'advocate@example.com' });
    const created = await create({
      initialAmount: { amount: '25.00', currencyCode: 'EUR' },
      customerId: customer.id,
      code: 'ReferAnna2026',
      note: 'Referral reward',
      expiresOn: '2027-11-01',
    });
    expect(created.userErrors).toEqual([]);
    expect(created.giftCardCode).toBe('ReferAnna2026');
    expect(created.giftCard).toEqual({
      id: expect.stringMatching(/^gid:\/\/shopify\/GiftCard\/\d+$/),
      enabled: true,
      balance: { amount: '25.00', currencyCode: 'EUR' },
      initialValue: { amount: '25.00' },
      lastCharacters: '2026',
      maskedCode: '•••• •••• •••• 2026',
      note: 'Referral reward',
      expiresOn: '2027-11-01',
      createdAt: '2026-11-01T12:00:00Z',
      customer: { id: customer.id },
    });
  });

  test('answers TAKEN for a code already used, whatever its case', async () => {
    const taken = await create({
      initialAmount: { amount: '5.00', currencyCode: 'EUR' },
      code: 'REFERANNA2026',
    });
    expect(taken.giftCard).toBeNull();
    expect(taken.userErrors).toEqual([
      { field: ['input', 'code'], code: 'TAKEN', message: expect.any(String) },
    ]);
  });

  test('validates the code, the amount, the customer and the expiry with GiftCardErrorCode values', async () => {
    const amount = { amount: '5.00', currencyCode: 'USD' };
    const codeOf = async (input: Record<string, unknown>) =>
      (await create(input)).userErrors.map((e: Json) => e.code);
    expect(await codeOf({ initialAmount: amount, code: 'short' })).toEqual(['TOO_SHORT']);
    expect(await codeOf({ initialAmount: amount, code: 'a'.repeat(21) })).toEqual(['TOO_LONG']);
    expect(await codeOf({ initialAmount: amount, code: 'with-dash1' })).toEqual(['INVALID']);
    expect(await codeOf({ initialAmount: { amount: '0', currencyCode: 'USD' } })).toEqual(['GREATER_THAN']);
    expect(await codeOf({ code: 'noamount1' })).toEqual(['MISSING_ARGUMENT']);
    expect(await codeOf({ initialAmount: amount, customerId: 'gid://shopify/Customer/1' })).toEqual([
      'CUSTOMER_NOT_FOUND',
    ]);
    expect(await codeOf({ initialAmount: amount, expiresOn: '2026-10-31' })).toEqual(['INVALID']);
    expect(shop.giftCards.size).toBe(1);
  });

  test('generates a 16-character code and takes the deprecated initialValue in the shop currency', async () => {
    const created = await create({ initialValue: '7.5' });
    expect(created.userErrors).toEqual([]);
    expect(created.giftCardCode).toMatch(/^[a-z0-9]{16}$/);
    expect(created.giftCard.balance).toEqual({ amount: '7.50', currencyCode: 'USD' });
  });

  test('deactivates a gift card for good, and says GIFT_CARD_NOT_FOUND for an unknown one', async () => {
    const created = await create({ initialAmount: { amount: '10.00', currencyCode: 'USD' } });
    clock += 60_000;
    const deactivated = (await gql(DEACTIVATE, { id: created.giftCard.id })).giftCardDeactivate;
    expect(deactivated).toEqual({
      giftCard: { id: created.giftCard.id, enabled: false, deactivatedAt: '2026-11-01T12:01:00Z' },
      userErrors: [],
    });
    const read = await gql('query($id: ID!) { giftCard(id: $id) { enabled deactivatedAt } }', {
      id: created.giftCard.id,
    });
    expect(read.giftCard).toEqual({ enabled: false, deactivatedAt: '2026-11-01T12:01:00Z' });
    const unknown = (await gql(DEACTIVATE, { id: 'gid://shopify/GiftCard/1' })).giftCardDeactivate;
    expect(unknown).toEqual({
      giftCard: null,
      userErrors: [{ field: ['id'], code: 'GIFT_CARD_NOT_FOUND', message: expect.any(String) }],
    });
  });
});
