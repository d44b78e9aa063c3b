// A buyer's checkout on the emulated shop: the cart, an optional discount code, the shop's
// discounts, and the order it ends in. A code must be a basic discount code or a redeem code of an
// active app discount, or the buyer gets Shopify's "Enter a valid discount code". App discounts
// (automatic ones, and the code's) run their Shopify Function (function-runner.ts) on the input
// its query selects; the order discounts they return are combined as their combinesWith allows,
// best first, and the order is stored with the orders/paid payload the app would receive.
//
// Order discounts only (the friend offer's kind); a function that returns product or delivery
// operations makes the checkout throw: the emulator does not price them. No shipping or tax.
import { appDiscountByCode, appDiscountStatus } from './app-discounts.js';
import { ordersPaidPayload } from './checkout-payload.js';
import {
  combine,
  type OrderDiscountsAdd,
  type PricedDiscount,
  percentOf,
  pickOrderCandidate,
} from './checkout-pricing.js';
import {
  buildFunctionInput,
  discountFunctionRoot,
  type FunctionCart,
  runFunction,
  type ShopifyFunction,
} from './function-runner.js';
import { type Customer, type Discount, type Order, type ShopState, toDecimal, toMinor } from './store.js';

export type CheckoutLine = { title?: string; price: string; quantity?: number };

export type CheckoutInput = {
  lines: CheckoutLine[];
  /** The contact email typed at checkout (a logged-in buyer's is their customer's). */
  email?: string | null;
  /** A logged-in buyer: a customer of the shop (gid). Functions see them; a guest they do not. */
  customerId?: string | null;
  /** Cart attributes (the theme embed's `_referral_code`, `_referral_sig`, ...). */
  attributes?: Record<string, string>;
  discountCode?: string | null;
  /** Default: the shop's currency. */
  currencyCode?: string;
  clientIp?: string | null;
  landingPageUrl?: string | null;
};

/** One function run: its input as the function read it, and its output or why it failed. */
export type FunctionRunLog = {
  discountId: string;
  functionHandle: string;
  input: Record<string, unknown>;
  output: unknown;
  error: string | null;
};

/** A discount on the order: a basic code, or an app discount's order candidate. */
export type AppliedDiscount = PricedDiscount & {
  discountId: string;
  method: 'code' | 'automatic';
  code: string | null;
  title: string;
};

export type CheckoutResult =
  | { ok: false; error: string; functionRuns: FunctionRunLog[] }
  | {
      ok: true;
      order: Order;
      /** Send it to the app with sendWebhook({ topic: 'orders/paid', payload, ... }). */
      webhookPayload: Record<string, unknown>;
      discounts: AppliedDiscount[];
      /** The entered code, when it was valid but did not apply, and what the buyer was told. */
      codeNotApplied: { code: string; message: string } | null;
      subtotalMinor: number;
      totalMinor: number;
      functionRuns: FunctionRunLog[];
    };

/** Shopify's words for a code that is no discount of the shop. */
export const INVALID_CODE_MESSAGE = 'Enter a valid discount code';
/** The emulator's words for a real code that gave this cart nothing (Shopify's vary by case). */
export const NOT_APPLICABLE_MESSAGE = "This discount code isn't valid for your cart.";

type Combines = { orderDiscounts: boolean };
type Candidate = AppliedDiscount & { combinesWith: Combines };

export function checkout(
  state: ShopState,
  input: CheckoutInput,
  functions: Readonly<Record<string, ShopifyFunction>>,
): CheckoutResult {
  const now = state.now();
  const currencyCode = input.currencyCode ?? state.currencyCode;
  const lines = cartLines(state, input.lines);
  const subtotalMinor = lines.reduce((sum, l) => sum + l.unitMinor * l.quantity, 0);
  const customer = input.customerId ? state.customers.get(input.customerId) : undefined;
  if (input.customerId && !customer) throw new Error(`No customer ${input.customerId} in ${state.domain}`);
  const email = input.email ?? customer?.email ?? null;
  const attributes = Object.entries(input.attributes ?? {}).map(([key, value]) => ({ key, value }));
  const entered = input.discountCode?.trim() || null;

  // The code first: Shopify refuses an unknown code before anything is priced.
  const basic = entered ? state.discounts.get(entered.toUpperCase()) : undefined;
  const redeem = entered && !basic ? appDiscountByCode(state.appDiscounts.values(), entered) : null;
  const codeIsLive =
    (basic !== undefined && basic.status === 'ACTIVE') ||
    (redeem !== null && appDiscountStatus(redeem.discount, now) === 'ACTIVE');
  if (entered && !codeIsLive) return { ok: false, error: INVALID_CODE_MESSAGE, functionRuns: [] };
  const code = basic?.code ?? redeem?.code.code ?? null;

  const cart: FunctionCart = {
    currencyCode,
    lines,
    attributes,
    buyer: { email, customer: customer ? { ...customer } : null },
  };
  const candidates: Candidate[] = [];
  const functionRuns: FunctionRunLog[] = [];
  let codeNotApplied: { code: string; message: string } | null = null;
  let codeRejection: string | null = null;

  if (basic) {
    const problem = basicCodeProblem(state, basic, customer, subtotalMinor);
    if (problem) codeNotApplied = { code: basic.code, message: problem };
    else candidates.push(basicCandidate(basic, subtotalMinor));
  }

  const running = [...state.appDiscounts.values()].filter(
    (d) =>
      appDiscountStatus(d, now) === 'ACTIVE' && (d.method === 'automatic' || d.id === redeem?.discount.id),
  );
  for (const discount of running) {
    const fn = functions[discount.functionHandle];
    if (!fn) {
      throw new Error(
        `No function registered for "${discount.functionHandle}": pass it in startShopifyEmulator({ functions })`,
      );
    }
    const triggering = discount.method === 'code' ? code : null;
    const root = discountFunctionRoot(
      cart,
      { discountClasses: discount.discountClasses ?? ['ORDER'], metafields: discount.metafields },
      { triggering, entered: code ? [{ code, rejectable: true }] : [] },
    );
    const functionInput = buildFunctionInput(fn.inputQuery, root);
    const run = runFunction(fn, functionInput);
    functionRuns.push({
      discountId: discount.id,
      functionHandle: discount.functionHandle,
      input: functionInput,
      output: run.ok ? run.output : null,
      error: run.ok ? null : run.error,
    });
    if (!run.ok) continue; // Shopify applies nothing from a failed run.
    for (const operation of run.output.operations) {
      const [kind, body] = Object.entries(operation).find(([, v]) => v !== null && v !== undefined) ?? [];
      if (kind === 'orderDiscountsAdd') {
        const picked = pickOrderCandidate(body as OrderDiscountsAdd, lines);
        if (picked) {
          candidates.push({
            discountId: discount.id,
            method: discount.method,
            code: triggering,
            title: discount.title,
            combinesWith: discount.combinesWith,
            ...picked,
          });
        }
      } else if (kind === 'enteredDiscountCodesReject') {
        // Only an automatic discount's function may reject codes (the schema's rule).
        const reject = body as { codes: { code: string }[]; message: string };
        const hit = code && reject.codes.some((c) => c.code.toUpperCase() === code.toUpperCase());
        if (discount.method === 'automatic' && hit) codeRejection = reject.message;
      } else {
        throw new Error(`The emulator checkout does not apply ${kind} operations`);
      }
    }
  }

  if (codeRejection && code) {
    codeNotApplied = { code, message: codeRejection };
    removeWhere(candidates, (c) => c.code !== null);
  }
  const applied = combine(candidates);
  if (code && !codeNotApplied && !applied.some((d) => d.code !== null)) {
    codeNotApplied = { code, message: NOT_APPLICABLE_MESSAGE };
  }
  const discountMinor = Math.min(
    subtotalMinor,
    applied.reduce((sum, d) => sum + d.amountMinor, 0),
  );
  const totalMinor = subtotalMinor - discountMinor;
  const known =
    customer ?? (email ? [...state.customers.values()].find((c) => c.email === email) : undefined);
  const order = state.addOrder({
    email,
    currencyCode,
    totalPrice: toDecimal(totalMinor),
    subtotalPrice: toDecimal(totalMinor),
    customer: known ? { id: known.id } : email ? { email } : null,
    customAttributes: attributes,
    discountCodes: applied.flatMap((d) => (d.code ? [d.code] : [])),
    clientIp: input.clientIp ?? null,
    landingPageUrl: input.landingPageUrl ?? null,
  });
  return {
    ok: true,
    order,
    webhookPayload: ordersPaidPayload(state, order, lines, applied, subtotalMinor, discountMinor),
    discounts: applied.map(({ combinesWith: _, ...d }) => d),
    codeNotApplied,
    subtotalMinor,
    totalMinor,
    functionRuns,
  };
}

function cartLines(state: ShopState, input: CheckoutLine[]): FunctionCart['lines'] {
  if (input.length === 0) throw new Error('A checkout needs at least one line');
  return input.map((line, i) => {
    const unitMinor = toMinor(line.price);
    const quantity = line.quantity ?? 1;
    if (!Number.isInteger(unitMinor) || unitMinor < 0)
      throw new Error(`Line price must be a decimal string, got ${line.price}`);
    if (!Number.isInteger(quantity) || quantity < 1)
      throw new Error(`Line quantity must be a positive integer, got ${quantity}`);
    const n = state.nextId();
    return {
      id: `gid://shopify/CartLine/${n}`,
      quantity,
      unitMinor,
      variantId: `gid://shopify/ProductVariant/${n}`,
      title: line.title ?? `Item ${i + 1}`,
    };
  });
}

/** Why a basic code does not apply to this buyer and cart, or null. */
function basicCodeProblem(
  state: ShopState,
  d: Discount,
  customer: Customer | undefined,
  subtotalMinor: number,
): string | null {
  const uses = [...state.orders.values()].filter((o) =>
    o.discountCodes.some((c) => c.toUpperCase() === d.code.toUpperCase()),
  );
  if (d.usageLimit !== null && uses.length >= d.usageLimit)
    return 'Discount code usage limit has been reached';
  if (d.customerIds && (!customer || !d.customerIds.includes(customer.id))) return NOT_APPLICABLE_MESSAGE;
  if (d.appliesOncePerCustomer && customer && uses.some((o) => o.customerId === customer.id)) {
    return 'Discount code usage limit has been reached';
  }
  if (d.minimumSubtotal !== null && subtotalMinor < toMinor(d.minimumSubtotal)) return NOT_APPLICABLE_MESSAGE;
  return null;
}

/** A basic code: an order discount that combines with nothing (the Admin API's default). */
function basicCandidate(d: Discount, subtotalMinor: number): Candidate {
  const percent = d.percentage !== null;
  return {
    discountId: d.id,
    method: 'code',
    code: d.code,
    title: d.title,
    message: null,
    valueType: percent ? 'percentage' : 'fixed_amount',
    value: percent ? String(Math.round(d.percentage! * 10_000) / 100) : toDecimal(toMinor(d.amount ?? '0')),
    amountMinor: percent
      ? percentOf(subtotalMinor, String(Math.round(d.percentage! * 10_000) / 100))
      : Math.min(subtotalMinor, toMinor(d.amount ?? '0')),
    combinesWith: { orderDiscounts: false },
  };
}

function removeWhere<T>(items: T[], drop: (item: T) => boolean): void {
  for (let i = items.length - 1; i >= 0; i--) if (drop(items[i]!)) items.splice(i, 1);
}
