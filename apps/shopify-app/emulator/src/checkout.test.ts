// The emulator's checkout: which codes it accepts, how it runs app discounts' functions (input
// from their query over the real function schema, output checked against it), how it picks and
// combines their order discounts, and the order and orders/paid payload it ends with. The function
// here is a test double of an app's function: it returns whatever the discount's metafield holds,
// so each test states the output it wants the checkout to apply.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { AppDiscount } from './app-discounts.js';
import { INVALID_CODE_MESSAGE, NOT_APPLICABLE_MESSAGE } from './checkout.js';
import type { FunctionRun } from './function-runner.js';
import { type ShopifyEmulator, startShopifyEmulator } from './server.js';
import type { ShopState } from './store.js';

const SHOP = 'checkout.myshopify.com';
const INPUT_QUERY = `query Input {
  cart {
    lines { id quantity cost { subtotalAmount { amount currencyCode } } }
    tier: attribute(key: "tier") { value }
    buyerIdentity { email customer { id numberOfOrders codes: metafield(namespace: "$app:test", key: "codes") { jsonValue } } }
  }
  discount { discountClasses output: metafield(namespace: "$app:test", key: "output") { jsonValue } }
  triggeringDiscountCode
  enteredDiscountCodes { code rejectable }
}`;

const inputs: unknown[] = [];
const echo: FunctionRun = (input) => {
  inputs.push(input);
  const output = (input as { discount: { output: { jsonValue: unknown } | null } }).discount.output
    ?.jsonValue;
  if (output === 'throw') throw new Error('boom');
  return output;
};

let emulator: ShopifyEmulator;
let shop: ShopState;
beforeAll(async () => {
  emulator = await startShopifyEmulator({
    now: () => Date.parse('2026-11-01T12:00:00Z'),
    functions: { 'test-discount': { run: echo, inputQuery: INPUT_QUERY } },
  });
});
afterAll(() => emulator.close());
let shopCount = 0;
beforeEach(() => {
  inputs.length = 0;
  shopCount += 1;
  shop = emulator.addShop(`${shopCount}-${SHOP}`, `shpat_checkout_${shopCount}`);
});
const buy = (input: Parameters<ShopifyEmulator['checkout']>[1]) => emulator.checkout(shop.domain, input);

const percent = (value: string, extra: Record<string, unknown> = {}) => ({
  targets: [{ orderSubtotal: { excludedCartLineIds: [] } }],
  value: { percentage: { value } },
  ...extra,
});
const fixed = (amount: string, extra: Record<string, unknown> = {}) => ({
  targets: [{ orderSubtotal: { excludedCartLineIds: [] } }],
  value: { fixedAmount: { amount } },
  ...extra,
});
const orderOp = (candidates: unknown[], selectionStrategy = 'FIRST') => ({
  orderDiscountsAdd: { selectionStrategy, candidates },
});

function addAppDiscount(
  method: AppDiscount['method'],
  output: unknown,
  over: Partial<AppDiscount> & { code?: string } = {},
): AppDiscount {
  const { code, ...rest } = over;
  const discount: AppDiscount = {
    id: shop.nextGid(method === 'code' ? 'DiscountCodeNode' : 'DiscountAutomaticNode'),
    method,
    title: method === 'code' ? 'Referral code' : 'Referral link',
    functionHandle: 'test-discount',
    codes: new Map(code ? [[code.toUpperCase(), { id: shop.nextGid('DiscountRedeemCode'), code }]] : []),
    metafields: new Map([['$app:test.output', { type: 'json', value: JSON.stringify(output) }]]),
    combinesWith: { orderDiscounts: false, productDiscounts: false, shippingDiscounts: true },
    status: 'ACTIVE',
    startsAt: Date.parse('2026-10-01T00:00:00Z'),
    endsAt: null,
    discountClasses: ['ORDER'],
    ...rest,
  };
  shop.appDiscounts.set(discount.id, discount);
  return discount;
}

const lines = [
  { title: 'Shoe', price: '40.00', quantity: 2 },
  { title: 'Sock', price: '20.00' },
];

describe('discount codes', () => {
  test('a code that is no discount of the shop, or an expired one, is refused and no order is made', () => {
    addAppDiscount('code', { operations: [] }, { code: 'OLD10', status: 'EXPIRED' });
    addAppDiscount(
      'code',
      { operations: [] },
      { code: 'SOON10', startsAt: Date.parse('2027-01-01T00:00:00Z') },
    );
    for (const code of ['NOPE', 'old10', 'SOON10']) {
      expect(buy({ lines, email: 'fran@example.com', discountCode: code })).toEqual({
        ok: false,
        error: INVALID_CODE_MESSAGE,
        functionRuns: [],
      });
    }
    expect(shop.orders.size).toBe(0);
  });

  test("a redeem code runs its discount's function, which sees the code and the cart as its query asks", () => {
    const discount = addAppDiscount(
      'code',
      { operations: [orderOp([percent('15', { message: 'Referral: 15% off' })])] },
      { code: 'Anna10' },
    );
    const customer = shop.addCustomer({ email: 'fran@example.com', numberOfOrders: 0 });
    customer.metafields.set('$app:test.codes', { type: 'list.single_line_text_field', value: '["BEN20"]' });
    const result = buy({
      lines,
      customerId: customer.id,
      discountCode: 'anna10',
      attributes: { tier: 'gold' },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(inputs).toHaveLength(1);
    expect(inputs[0]).toMatchObject({
      cart: {
        lines: [
          { quantity: 2, cost: { subtotalAmount: { amount: '80.00', currencyCode: 'USD' } } },
          { quantity: 1, cost: { subtotalAmount: { amount: '20.00', currencyCode: 'USD' } } },
        ],
        tier: { value: 'gold' },
        buyerIdentity: {
          email: 'fran@example.com',
          customer: { id: customer.id, numberOfOrders: 0, codes: { jsonValue: ['BEN20'] } },
        },
      },
      discount: { discountClasses: ['ORDER'] },
      triggeringDiscountCode: 'Anna10',
      enteredDiscountCodes: [{ code: 'Anna10', rejectable: true }],
    });
    expect(result.functionRuns).toMatchObject([
      { discountId: discount.id, functionHandle: 'test-discount', error: null },
    ]);
    expect(result).toMatchObject({ subtotalMinor: 10_000, totalMinor: 8500, codeNotApplied: null });
    expect(result.discounts).toEqual([
      {
        discountId: discount.id,
        method: 'code',
        code: 'Anna10',
        title: 'Referral code',
        message: 'Referral: 15% off',
        valueType: 'percentage',
        value: '15',
        amountMinor: 1500,
      },
    ]);
    expect(result.order).toMatchObject({
      totalMinor: 8500,
      discountCodes: ['Anna10'],
      customerId: customer.id,
    });
    expect(shop.customers.get(customer.id)!.numberOfOrders).toBe(1);
    expect(result.webhookPayload).toMatchObject({
      id: result.order.legacyId,
      email: 'fran@example.com',
      currency: 'USD',
      total_line_items_price: '100.00',
      total_discounts: '15.00',
      subtotal_price: '85.00',
      total_price: '85.00',
      note_attributes: [{ name: 'tier', value: 'gold' }],
      discount_codes: [{ code: 'Anna10', amount: '15.00', type: 'percentage' }],
      customer: { id: Number(customer.id.split('/').pop()), email: 'fran@example.com', orders_count: 1 },
    });
  });

  test('a basic code discount applies by its own terms; one that is used up does not', () => {
    shop.discounts.set('FRIEND-1', {
      id: 'gid://shopify/DiscountCodeBasic/1',
      title: 'Friend offer',
      code: 'FRIEND-1',
      status: 'ACTIVE',
      usageLimit: 1,
      appliesOncePerCustomer: true,
      percentage: 0.1,
      amount: null,
      customerIds: null,
      minimumSubtotal: null,
      createdAt: '2026-10-01T00:00:00Z',
    });
    const first = buy({ lines, email: 'a@example.com', discountCode: 'friend-1' });
    expect(first).toMatchObject({ ok: true, totalMinor: 9000, codeNotApplied: null });
    const second = buy({ lines, email: 'b@example.com', discountCode: 'FRIEND-1' });
    expect(second).toMatchObject({
      ok: true,
      totalMinor: 10_000,
      codeNotApplied: { code: 'FRIEND-1', message: 'Discount code usage limit has been reached' },
      discounts: [],
    });
  });

  test('a valid code whose function gives nothing leaves the order at full price, without the code', () => {
    addAppDiscount('code', { operations: [] }, { code: 'ANNA10' });
    const result = buy({ lines, email: 'fran@example.com', discountCode: 'ANNA10' });
    expect(result).toMatchObject({
      ok: true,
      totalMinor: 10_000,
      codeNotApplied: { code: 'ANNA10', message: NOT_APPLICABLE_MESSAGE },
    });
    if (result.ok) expect(result.order.discountCodes).toEqual([]);
  });
});

describe('automatic discounts and combinations', () => {
  test('an automatic discount runs on every checkout, without a triggering code', () => {
    addAppDiscount('automatic', { operations: [orderOp([fixed('10.00')])] });
    const result = buy({ lines, email: 'guest@example.com' });
    expect(inputs[0]).toMatchObject({
      triggeringDiscountCode: null,
      enteredDiscountCodes: [],
      cart: { buyerIdentity: { email: 'guest@example.com', customer: null } },
    });
    expect(result).toMatchObject({
      ok: true,
      totalMinor: 9000,
      discounts: [{ method: 'automatic', code: null }],
    });
    if (result.ok) {
      expect(result.webhookPayload).toMatchObject({
        discount_codes: [],
        discount_applications: [
          { type: 'automatic', title: 'Referral link', value: '10.00', value_type: 'fixed_amount' },
        ],
      });
    }
  });

  test('FIRST takes the first candidate whose conditions hold, MAXIMUM the largest', () => {
    const min = (amount: string) => ({
      conditions: [{ orderMinimumSubtotal: { excludedCartLineIds: [], minimumAmount: amount } }],
    });
    addAppDiscount('automatic', {
      operations: [orderOp([percent('30', min('500.00')), percent('20', min('100.00')), percent('5')])],
    });
    expect(buy({ lines })).toMatchObject({ totalMinor: 8000 });
    shop.appDiscounts.clear();
    addAppDiscount('automatic', {
      operations: [orderOp([fixed('5.00'), percent('12.5'), fixed('12.00')], 'MAXIMUM')],
    });
    expect(buy({ lines })).toMatchObject({ totalMinor: 8750 });
  });

  test("order discounts that don't combine: the best one applies; ones that do: both, never below zero", () => {
    addAppDiscount('code', { operations: [orderOp([percent('15')])] }, { code: 'ANNA10' });
    addAppDiscount('automatic', { operations: [orderOp([percent('10')])] });
    const best = buy({ lines, discountCode: 'ANNA10' });
    expect(best).toMatchObject({ totalMinor: 8500, discounts: [{ code: 'ANNA10', amountMinor: 1500 }] });

    const both = { orderDiscounts: true, productDiscounts: false, shippingDiscounts: true };
    for (const d of shop.appDiscounts.values()) d.combinesWith = both;
    expect(buy({ lines, discountCode: 'ANNA10' })).toMatchObject({ totalMinor: 7500 });
    addAppDiscount('automatic', { operations: [orderOp([fixed('500.00')])] }, { combinesWith: both });
    expect(buy({ lines, discountCode: 'ANNA10' })).toMatchObject({ totalMinor: 0 });
  });

  test("an automatic discount's rejection of the entered code removes it, with its message", () => {
    addAppDiscount('code', { operations: [orderOp([percent('15')])] }, { code: 'ANNA10' });
    addAppDiscount('automatic', {
      operations: [
        { enteredDiscountCodesReject: { codes: [{ code: 'anna10' }], message: 'Not your own code.' } },
      ],
    });
    const result = buy({ lines, discountCode: 'ANNA10' });
    expect(result).toMatchObject({
      ok: true,
      totalMinor: 10_000,
      discounts: [],
      codeNotApplied: { code: 'ANNA10', message: 'Not your own code.' },
    });
  });
});

describe('function runs that fail', () => {
  test.each([
    ['throws', 'throw', 'The function threw: boom'],
    ['returns another shape', { discounts: [] }, 'Invalid CartLinesDiscountsGenerateRunResult'],
    ['returns a percentage that is no Decimal', { operations: [orderOp([percent('15%')])] }, 'not a Decimal'],
    ['returns more than 100 %', { operations: [orderOp([percent('120')])] }, 'not within 0..100'],
  ])('a function that %s applies nothing; the run says why', (_name, output, error) => {
    addAppDiscount('automatic', output);
    const result = buy({ lines });
    expect(result).toMatchObject({ ok: true, totalMinor: 10_000, discounts: [] });
    expect(result.functionRuns[0]!.error).toContain(error);
  });

  test('a discount whose function is not registered, or an operation the emulator does not price, throws', () => {
    addAppDiscount('automatic', { operations: [] }, { functionHandle: 'missing' });
    expect(() => buy({ lines })).toThrow('No function registered for "missing"');
    shop.appDiscounts.clear();
    addAppDiscount('automatic', {
      operations: [
        {
          productDiscountsAdd: {
            selectionStrategy: 'FIRST',
            candidates: [
              {
                targets: [{ cartLine: { id: 'gid://shopify/CartLine/1' } }],
                value: { percentage: { value: '5' } },
              },
            ],
          },
        },
      ],
    });
    expect(() => buy({ lines })).toThrow('does not apply productDiscountsAdd');
  });
});

test('a guest order joins the customer who has that email; a logged-in one counts towards their orders', () => {
  const known = shop.addCustomer({ email: 'fran@example.com', numberOfOrders: 3 });
  const result = buy({ lines, email: 'fran@example.com' });
  expect(inputs).toHaveLength(0);
  expect(result).toMatchObject({ ok: true, order: { customerId: known.id } });
  if (result.ok) expect(result.webhookPayload).toMatchObject({ customer: { orders_count: 4 } });
  const stranger = buy({ lines, email: 'new@example.com' });
  expect(stranger.ok && stranger.order.customerId).toMatch(/^gid:\/\/shopify\/Customer\//);
});
