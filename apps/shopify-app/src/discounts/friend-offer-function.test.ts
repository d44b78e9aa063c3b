// The friend-offer Discount Function (extensions/friend-offer-discount) against the real
// Discount Function API schema (2026-10): its input query validates, every input below is what
// that query selects (executed over a cart by the emulator's runner), every output is a valid
// CartLinesDiscountsGenerateRunResult, and each programme rule gives the offer or says why not.
import { readFileSync } from 'node:fs';
import {
  buildFunctionInput,
  checkFunctionResult,
  checkInputQuery,
  discountFunctionRoot,
  type FunctionCartLine,
} from '@referrals/shopify-emulator';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, type MockInstance, test, vi } from 'vitest';
import {
  cartLinesDiscountsGenerateRun,
  OWN_CODE_MESSAGE,
} from '../../extensions/friend-offer-discount/src/index.js';
import { buildFunctionConfig, type FunctionConfig, serializeFunctionConfig } from './function-config.js';
import { deriveSignatureKey, signReferralCode } from './referral-signature.js';

const QUERY = readFileSync(
  new URL(
    '../../extensions/friend-offer-discount/src/cart_lines_discounts_generate_run.graphql',
    import.meta.url,
  ),
  'utf8',
);
const SIGNATURE_KEY = deriveSignatureKey(Buffer.alloc(32, 7), 'merchant-a');
const OTHER_SHOP_KEY = deriveSignatureKey(Buffer.alloc(32, 7), 'merchant-b');

type Rules = Parameters<typeof buildFunctionConfig>[0]['rules'];
const rules = (
  over: Partial<Rules['eligibility']> = {},
  friendReward: Rules['friendReward'] = null,
): Rules => ({
  friendReward: friendReward ?? { kind: 'percent_discount', bps: 1500 },
  eligibility: {
    newCustomersOnly: true,
    minimumOrderMinor: 0,
    attributionWindowDays: 30,
    attributionModel: 'last_touch',
    ...over,
  },
});
const config = (mode: FunctionConfig['mode'], r: Rules = rules(), currency = 'USD') =>
  buildFunctionConfig({
    mode,
    programVersionId: 'version-1',
    rules: r,
    currency,
    ...(mode === 'automatic' ? { signatureKey: SIGNATURE_KEY } : {}),
  })!;

type Cart = {
  /** The metafield value as stored (a config is serialised; a string is stored as is). */
  config?: FunctionConfig | string | null;
  lines?: [unitMinor: number, quantity: number, discountMinor?: number][];
  currency?: string;
  customer?: { orders: number; ownCodes?: string[] } | null;
  attributes?: Record<string, string>;
  classes?: string[];
  triggering?: string | null;
  entered?: { code: string; rejectable: boolean }[];
};

let logs: MockInstance<typeof console.error>;
beforeEach(() => {
  logs = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => logs.mockRestore());
const logged = () => logs.mock.calls.map((c) => String(c[0])).join('\n');

/** Runs the function on the input its query selects from this cart; the output must be schema-valid. */
function run(cart: Cart) {
  const stored = cart.config === undefined ? config('code') : cart.config;
  const metafields = new Map<string, { type: string; value: string }>();
  if (stored !== null) {
    metafields.set('$app:referrals.function-configuration', {
      type: 'json',
      value: typeof stored === 'string' ? stored : serializeFunctionConfig(stored),
    });
  }
  const customer =
    cart.customer === null || cart.customer === undefined
      ? null
      : {
          id: 'gid://shopify/Customer/7',
          email: 'fran@example.com',
          firstName: 'Fran',
          lastName: null,
          numberOfOrders: cart.customer.orders,
          metafields: new Map(
            cart.customer.ownCodes
              ? [
                  [
                    '$app:referrals.advocate_codes',
                    { type: 'list.single_line_text_field', value: JSON.stringify(cart.customer.ownCodes) },
                  ],
                ]
              : [],
          ),
        };
  const lines: FunctionCartLine[] = (cart.lines ?? [[6000, 1]]).map(
    ([unitMinor, quantity, discountMinor], i) => ({
      id: `gid://shopify/CartLine/${i + 1}`,
      quantity,
      unitMinor,
      variantId: `gid://shopify/ProductVariant/${i + 1}`,
      title: `Item ${i + 1}`,
      ...(discountMinor ? { discountMinor } : {}),
    }),
  );
  const root = discountFunctionRoot(
    {
      currencyCode: cart.currency ?? 'USD',
      lines,
      attributes: Object.entries(cart.attributes ?? {}).map(([key, value]) => ({ key, value })),
      buyer: { email: customer?.email ?? 'guest@example.com', customer },
    },
    { discountClasses: cart.classes ?? ['ORDER'], metafields },
    {
      triggering: cart.triggering === undefined ? 'ANNA10' : cart.triggering,
      entered: cart.entered ?? [],
    },
  );
  const input = buildFunctionInput(QUERY, root);
  const output = cartLinesDiscountsGenerateRun(input);
  expect(checkFunctionResult(output)).toEqual([]);
  return output;
}

const orderDiscount = (output: ReturnType<typeof run>) =>
  output.operations.flatMap((op) => ('orderDiscountsAdd' in op ? [op.orderDiscountsAdd] : []));
const nothingBecause = (output: ReturnType<typeof run>, reason: string) => {
  expect(orderDiscount(output)).toEqual([]);
  expect(logged()).toContain(`friend offer not applied: ${reason}`);
};
const signed = (code: string, key = SIGNATURE_KEY) => ({
  _referral_code: code,
  _referral_sig: signReferralCode(key, code),
});

describe('against the Discount Function API schema (2026-10)', () => {
  test('the input query validates; a query asking for a field the API lacks does not', () => {
    expect(checkInputQuery(QUERY)).toEqual([]);
    expect(checkInputQuery('query { cart { lines { id price } } }')).toEqual([
      'Cannot query field "price" on type "CartLine".',
    ]);
  });

  test('outputs are checked against CartLinesDiscountsGenerateRunResult, Decimals and ranges included', () => {
    const candidate = (value: unknown) => ({
      operations: [
        {
          orderDiscountsAdd: {
            selectionStrategy: 'FIRST',
            candidates: [{ targets: [{ orderSubtotal: { excludedCartLineIds: [] } }], value }],
          },
        },
      ],
    });
    expect(checkFunctionResult(candidate({ percentage: { value: '15' } }))).toEqual([]);
    expect(checkFunctionResult(candidate({ percentage: { value: '150' } })).join()).toContain(
      'not within 0..100',
    );
    expect(checkFunctionResult(candidate({ percentage: { value: '15%' } })).join()).toContain(
      'not a Decimal',
    );
    expect(checkFunctionResult(candidate({ fixedAmount: { amount: '-1.00' } })).join()).toContain('negative');
    expect(checkFunctionResult({ operations: [{ orderDiscountsAdd: { candidates: [] } }] }).join()).toContain(
      'selectionStrategy',
    );
    expect(checkFunctionResult({ discounts: [] }).join()).toContain('"discounts" is not defined');
  });
});

describe('the friend offer', () => {
  test('a percent offer is an order-subtotal percentage with the programme message', () => {
    const output = run({ config: config('code'), customer: { orders: 0 } });
    expect(output).toEqual({
      operations: [
        {
          orderDiscountsAdd: {
            selectionStrategy: 'FIRST',
            candidates: [
              {
                message: 'Referral: 15% off your first order',
                targets: [{ orderSubtotal: { excludedCartLineIds: [] } }],
                value: { percentage: { value: '15' } },
              },
            ],
          },
        },
      ],
    });
    const odd = run({ config: config('code', rules({}, { kind: 'percent_discount', bps: 1250 })) });
    expect(orderDiscount(odd)[0]!.candidates[0]!.value).toEqual({ percentage: { value: '12.5' } });
    const tiny = run({ config: config('code', rules({}, { kind: 'percent_discount', bps: 5 })) });
    expect(orderDiscount(tiny)[0]!.candidates[0]!.value).toEqual({ percentage: { value: '0.05' } });
  });

  test("a fixed offer is an amount in the currency's own decimals", () => {
    const usd = run({ config: config('code', rules({}, { kind: 'fixed_discount', amountMinor: 1000 })) });
    expect(orderDiscount(usd)[0]!.candidates[0]).toMatchObject({
      message: 'Referral: $10.00 off your first order',
      value: { fixedAmount: { amount: '10.00' } },
    });
    const jpy = run({
      config: config('code', rules({}, { kind: 'fixed_discount', amountMinor: 1500 }), 'JPY'),
      currency: 'JPY',
      lines: [[5000, 1]],
    });
    expect(orderDiscount(jpy)[0]!.candidates[0]!.value).toEqual({ fixedAmount: { amount: '1500' } });
  });

  test('the minimum is compared with the subtotal before discounts', () => {
    const minimum50 = config('code', rules({ minimumOrderMinor: 5000 }));
    // $55.00 of goods: 15% off leaves $46.75, below the minimum, but the minimum is met before it.
    expect(orderDiscount(run({ config: minimum50, lines: [[5500, 1]] }))).toHaveLength(1);
    // A product discount already took $15.00 off a $60.00 line: the cart's own subtotal says
    // $45.00, the goods before any discount are $60.00, and that is what the minimum is about.
    expect(orderDiscount(run({ config: minimum50, lines: [[6000, 1, 1500]] }))).toHaveLength(1);
    // Exactly the minimum is enough; a cent less is not.
    expect(orderDiscount(run({ config: minimum50, lines: [[2500, 2]] }))).toHaveLength(1);
    nothingBecause(
      run({
        config: minimum50,
        lines: [
          [2000, 2],
          [999, 1],
        ],
      }),
      'below_minimum (49.99 < 50.00)',
    );
  });

  test('a buyer with earlier orders gets nothing when the programme is for new customers', () => {
    nothingBecause(
      run({ config: config('code'), customer: { orders: 2 } }),
      'existing_customer (2 earlier orders)',
    );
    const open = config('code', rules({ newCustomersOnly: false }));
    expect(orderDiscount(run({ config: open, customer: { orders: 2 } }))).toHaveLength(1);
    // A guest is not known to Shopify's customer list: the engine's own checks decide later.
    expect(orderDiscount(run({ config: config('code'), customer: null }))).toHaveLength(1);
  });

  test('the advocate who owns the code gets nothing from it, whatever its case', () => {
    const advocate = { orders: 0, ownCodes: ['ANNA10', 'ANNA-OLD'] };
    nothingBecause(
      run({ config: config('code'), customer: advocate, triggering: 'anna10' }),
      'own_code (ANNA10)',
    );
    // Someone else's code still works for them.
    expect(
      orderDiscount(run({ config: config('code'), customer: advocate, triggering: 'BEN20' })),
    ).toHaveLength(1);
  });

  test('a code discount needs the code that triggered it', () => {
    nothingBecause(run({ config: config('code'), triggering: null }), 'no_code');
  });

  test('the automatic discount applies only to a cart carrying a code signed for this shop', () => {
    const automatic = config('automatic');
    const valid = run({ config: automatic, triggering: null, attributes: signed('ANNA10') });
    expect(orderDiscount(valid)[0]!.candidates[0]!.value).toEqual({ percentage: { value: '15' } });
    // The embed may keep the code as typed in the link: the signature is over the upper-cased code.
    const lower = { _referral_code: 'anna10', _referral_sig: signReferralCode(SIGNATURE_KEY, 'anna10') };
    expect(orderDiscount(run({ config: automatic, triggering: null, attributes: lower }))).toHaveLength(1);

    nothingBecause(run({ config: automatic, triggering: null }), 'no_referral_attribute');
    logs.mockClear();
    nothingBecause(
      run({ config: automatic, triggering: null, attributes: { _referral_code: 'ANNA10' } }),
      'no_referral_attribute',
    );
    logs.mockClear();
    const forgedCode = { ...signed('BEN20'), _referral_code: 'ANNA10' };
    nothingBecause(
      run({ config: automatic, triggering: null, attributes: forgedCode }),
      'bad_signature (ANNA10)',
    );
    logs.mockClear();
    nothingBecause(
      run({ config: automatic, triggering: null, attributes: signed('ANNA10', OTHER_SHOP_KEY) }),
      'bad_signature',
    );
    logs.mockClear();
    const made = { _referral_code: 'ANNA10', _referral_sig: 'A'.repeat(22) };
    nothingBecause(run({ config: automatic, triggering: null, attributes: made }), 'bad_signature');
  });

  test('an advocate is refused their own signed code, and their typed own code is rejected with a message', () => {
    const advocate = { orders: 0, ownCodes: ['ANNA10'] };
    const output = run({
      config: config('automatic'),
      triggering: null,
      customer: advocate,
      attributes: signed('ANNA10'),
      entered: [
        { code: 'anna10', rejectable: true },
        { code: 'SUMMER', rejectable: true },
      ],
    });
    expect(output.operations).toEqual([
      { enteredDiscountCodesReject: { codes: [{ code: 'anna10' }], message: OWN_CODE_MESSAGE } },
    ]);
    expect(logged()).toContain('friend offer not applied: own_code (ANNA10)');
    // A code discount may not reject codes (only an automatic one can): it just gives nothing.
    logs.mockClear();
    const byCode = run({
      config: config('code'),
      customer: advocate,
      entered: [{ code: 'ANNA10', rejectable: true }],
    });
    expect(byCode.operations).toEqual([]);
  });

  test('nothing when the cart is in another currency than the programme', () => {
    nothingBecause(run({ config: config('code'), currency: 'EUR' }), 'currency_mismatch (EUR not USD)');
  });

  test('nothing when the discount does not have the order class', () => {
    nothingBecause(run({ config: config('code'), classes: ['PRODUCT', 'SHIPPING'] }), 'no_order_class');
    expect(orderDiscount(run({ config: config('code'), classes: ['PRODUCT', 'ORDER'] }))).toHaveLength(1);
  });

  const valid = config('automatic');
  test.each([
    ['no metafield', null, 'no_configuration'],
    ['not JSON', '{"v":1,', 'bad_configuration'],
    ['a later version', JSON.stringify({ ...valid, v: 2 }), 'unsupported_configuration_version'],
    ['no offer', JSON.stringify({ ...valid, offer: undefined }), 'bad_configuration'],
    [
      'zero basis points',
      JSON.stringify({ ...valid, offer: { kind: 'percent_discount', bps: 0 } }),
      'bad_configuration',
    ],
    [
      'a negative amount',
      JSON.stringify({ ...valid, offer: { kind: 'fixed_discount', amountMinor: -5 } }),
      'bad_configuration',
    ],
    [
      'another offer kind',
      JSON.stringify({ ...valid, offer: { kind: 'store_credit', amountMinor: 500 } }),
      'bad_configuration',
    ],
    ['a fractional minimum', JSON.stringify({ ...valid, minimumSubtotalMinor: 10.5 }), 'bad_configuration'],
    ['automatic without a key', JSON.stringify({ ...valid, signatureKey: undefined }), 'bad_configuration'],
    ['a short key', JSON.stringify({ ...valid, signatureKey: 'abcd' }), 'bad_configuration'],
    ['an unknown mode', JSON.stringify({ ...valid, mode: 'both' }), 'bad_configuration'],
    ['a JSON array', '[1,2]', 'unsupported_configuration_version'],
  ])('a bad configuration (%s) gives no operations', (_name, stored, reason) => {
    const output = run({ config: stored, triggering: null, attributes: signed('ANNA10') });
    expect(output).toEqual({ operations: [] });
    expect(logged()).toContain(`friend offer not applied: ${reason}`);
  });

  test('it never throws and never emits an invalid result, whatever the input', () => {
    for (const input of [
      undefined,
      null,
      0,
      'cart',
      [],
      {},
      { cart: 5 },
      { cart: { lines: [null] }, discount: {} },
    ]) {
      expect(cartLinesDiscountsGenerateRun(input)).toEqual({ operations: [] });
    }
    const goodDiscount = {
      discountClasses: ['ORDER'],
      configuration: { jsonValue: config('code') },
    };
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (cart, triggering) => {
        const output = cartLinesDiscountsGenerateRun({
          cart,
          discount: goodDiscount,
          triggeringDiscountCode: triggering,
        });
        expect(checkFunctionResult(output)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
