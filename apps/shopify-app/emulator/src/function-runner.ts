// Runs a Discount Function (target cart.lines.discounts.generate.run) the way Shopify does, minus
// the WebAssembly: the input is what the function's input query selects, executed against the
// real Discount Function API schema (2026-10) over the cart, and the output must be a valid
// CartLinesDiscountsGenerateRunResult of that schema, or the run counts as failed.
import {
  coerceInputValue,
  executeSync,
  type GraphQLError,
  type GraphQLInputType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  parse,
  validate,
} from 'graphql';
import { toDecimal } from './model.js';
import { loadDiscountFunctionSchema } from './schema.js';

/** The function's entry point for the run target, as the extension exports it. */
export type FunctionRun = (input: unknown) => unknown;
/** A function as the emulator runs it: its run export and its input query (the .graphql file). */
export type ShopifyFunction = { run: FunctionRun; inputQuery: string };

export const RUN_RESULT_TYPE = 'CartLinesDiscountsGenerateRunResult';

/** Problems of an input query against the function schema (empty when it is valid). */
export function checkInputQuery(query: string): string[] {
  let document: ReturnType<typeof parse>;
  try {
    document = parse(query);
  } catch (error) {
    return [(error as GraphQLError).message];
  }
  return validate(loadDiscountFunctionSchema(), document).map((e) => e.message);
}

/** Executes the input query over `root` (see discountFunctionRoot); throws on invalid queries or fields the emulator cannot serve. */
export function buildFunctionInput(query: string, root: unknown): Record<string, unknown> {
  const problems = checkInputQuery(query);
  if (problems.length > 0) throw new Error(`Invalid function input query: ${problems.join('; ')}`);
  const result = executeSync({
    schema: loadDiscountFunctionSchema(),
    document: parse(query),
    rootValue: root,
  });
  if (result.errors?.length) {
    throw new Error(
      `The emulator cannot serve this function input: ${result.errors.map((e) => e.message).join('; ')}`,
    );
  }
  // JSON in, as the function reads it from stdin (no functions, Maps or undefined).
  return JSON.parse(JSON.stringify(result.data)) as Record<string, unknown>;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * Problems of a function's output against CartLinesDiscountsGenerateRunResult: the schema's
 * coercion (shapes, enums, required fields, unknown fields), plus the checks the client schema
 * cannot make: Decimal values are decimal numbers, percentages within 0..100 and fixed amounts >= 0
 * (the constraints the schema's descriptions state).
 */
export function checkFunctionResult(output: unknown): string[] {
  const schema = loadDiscountFunctionSchema();
  const type = schema.getType(RUN_RESULT_TYPE) as GraphQLInputType;
  const problems: string[] = [];
  coerceInputValue(output, type, (path, _value, error) => {
    problems.push(`${path.join('.') || '(root)'}: ${error.message}`);
  });
  if (problems.length === 0) walkDecimals(output, type, [], problems);
  return problems;
}

function walkDecimals(value: unknown, type: GraphQLInputType, path: string[], problems: string[]): void {
  if (value === null || value === undefined) return;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    (Array.isArray(value) ? value : [value]).forEach((item, i) => {
      walkDecimals(item, inner.ofType, [...path, String(i)], problems);
    });
  } else if (isInputObjectType(inner)) {
    for (const [name, field] of Object.entries(inner.getFields())) {
      const child = (value as Record<string, unknown>)[name];
      walkDecimals(child, field.type, [...path, name], problems);
      if (name === 'value' && inner.name === 'Percentage' && DECIMAL.test(String(child))) {
        const percent = Number(child);
        if (percent < 0 || percent > 100)
          problems.push(`${[...path, name].join('.')}: ${child} is not within 0..100`);
      }
      if (name === 'amount' && inner.name === 'FixedAmount' && Number(child) < 0) {
        problems.push(`${[...path, name].join('.')}: ${child} is negative`);
      }
    }
  } else if (isScalarType(inner) && inner.name === 'Decimal') {
    if ((typeof value !== 'string' && typeof value !== 'number') || !DECIMAL.test(String(value))) {
      problems.push(`${path.join('.')}: ${JSON.stringify(value)} is not a Decimal`);
    }
  }
}

/** Runs a function on an input; a throw or an invalid output is a failed run, as on Shopify. */
export function runFunction(
  fn: ShopifyFunction,
  input: Record<string, unknown>,
): { ok: true; output: { operations: Record<string, unknown>[] } } | { ok: false; error: string } {
  let output: unknown;
  try {
    output = fn.run(input);
  } catch (error) {
    return { ok: false, error: `The function threw: ${(error as Error).message}` };
  }
  const problems = checkFunctionResult(output);
  if (problems.length > 0) return { ok: false, error: `Invalid ${RUN_RESULT_TYPE}: ${problems.join('; ')}` };
  return { ok: true, output: output as { operations: Record<string, unknown>[] } };
}

// --- The input's data: the cart as Discount Function input, for executeSync's default resolvers.

type Metafields = ReadonlyMap<string, { type: string; value: string }>;

export type FunctionCartLine = {
  id: string;
  quantity: number;
  unitMinor: number;
  variantId: string;
  title: string;
  /** A product discount already on the line (cost.totalAmount is after it, subtotalAmount before). */
  discountMinor?: number;
};
export type FunctionBuyer = {
  email: string | null;
  customer: {
    id: string;
    email: string | null;
    firstName: string | null;
    lastName: string | null;
    numberOfOrders: number;
    metafields: Metafields;
  } | null;
};
export type FunctionCart = {
  currencyCode: string;
  lines: FunctionCartLine[];
  attributes: { key: string; value: string | null }[];
  buyer: FunctionBuyer;
};
export type FunctionDiscount = { discountClasses: string[]; metafields: Metafields };
export type FunctionCodes = {
  /** The code that made a code discount's function run; null for an automatic discount. */
  triggering: string | null;
  entered: { code: string; rejectable: boolean }[];
};

/**
 * A metafield as a function reads it. The namespace defaults to the app's reserved one, and
 * "$app:x" is kept as written: the emulator serves one app, as AppDiscount.metafields notes.
 */
function metafieldOf(metafields: Metafields) {
  return (args: { namespace?: string | null; key: string }) => {
    const field = metafields.get(`${args.namespace ?? '$app'}.${args.key}`);
    if (!field) return null;
    let jsonValue: unknown = field.value;
    if (
      field.type === 'json' ||
      field.type.startsWith('list.') ||
      field.type === 'boolean' ||
      field.type === 'number_integer'
    ) {
      try {
        jsonValue = JSON.parse(field.value);
      } catch {
        jsonValue = field.value;
      }
    }
    return { type: field.type, value: field.value, jsonValue };
  };
}

const none = () => null;

/** The root value for the function schema's `Input` type over one cart and one discount. */
export function discountFunctionRoot(cart: FunctionCart, discount: FunctionDiscount, codes: FunctionCodes) {
  const money = (minor: number) => ({ amount: toDecimal(minor), currencyCode: cart.currencyCode });
  const lines = cart.lines.map((line) => {
    const subtotal = money(line.unitMinor * line.quantity);
    const total = money(line.unitMinor * line.quantity - (line.discountMinor ?? 0));
    return {
      id: line.id,
      quantity: line.quantity,
      attribute: none,
      cost: {
        amountPerQuantity: money(line.unitMinor),
        compareAtAmountPerQuantity: null,
        subtotalAmount: subtotal,
        totalAmount: total,
      },
      discountAllocations: [],
      parentRelationship: null,
      sellingPlanAllocation: null,
      merchandise: {
        __typename: 'ProductVariant',
        id: line.variantId,
        title: line.title,
        sku: null,
        requiresShipping: true,
        weight: 0,
        weightUnit: 'KILOGRAMS',
        metafield: none,
        inAnyCollection: () => false,
        inCollections: () => [],
        product: {
          id: line.variantId.replace('ProductVariant', 'Product'),
          handle: line.title.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
          title: line.title,
          isGiftCard: false,
          productType: null,
          vendor: null,
          hasAnyTag: () => false,
          hasTags: () => [],
          inAnyCollection: () => false,
          inCollections: () => [],
          metafield: none,
        },
      },
    };
  });
  // The cart's subtotal is before cart-level discounts but after the lines' own (the schema's words).
  const subtotalMinor = cart.lines.reduce(
    (sum, l) => sum + l.unitMinor * l.quantity - (l.discountMinor ?? 0),
    0,
  );
  const customer = cart.buyer.customer;
  return {
    cart: {
      lines,
      attribute: (args: { key?: string | null }) => {
        const found = cart.attributes.find((a) => a.key === args.key);
        return found ? { key: found.key, value: found.value } : null;
      },
      buyerIdentity: {
        email: cart.buyer.email,
        phone: null,
        isAuthenticated: customer !== null,
        purchasingCompany: null,
        shopUser: null,
        customer: customer && {
          id: customer.id,
          email: customer.email,
          firstName: customer.firstName,
          lastName: customer.lastName,
          displayName:
            [customer.firstName, customer.lastName].filter(Boolean).join(' ') || customer.email || '',
          numberOfOrders: customer.numberOfOrders,
          amountSpent: money(0),
          createdAt: '2026-01-01T00:00:00Z',
          hasAnyTag: () => false,
          hasTags: () => [],
          metafield: metafieldOf(customer.metafields),
        },
      },
      cost: {
        subtotalAmount: money(subtotalMinor),
        totalAmount: money(subtotalMinor),
        totalDutyAmount: null,
        totalTaxAmount: null,
      },
      deliverableLines: [],
      deliveryGroups: [],
      discountApplications: [],
      localizedFields: () => [],
      metafield: none,
      billingAddress: null,
      poNumber: null,
      retailLocation: null,
    },
    discount: { discountClasses: discount.discountClasses, metafield: metafieldOf(discount.metafields) },
    enteredDiscountCodes: codes.entered,
    triggeringDiscountCode: codes.triggering,
    fetchResult: null,
    presentmentCurrencyRate: '1.0',
    localization: {
      country: { isoCode: 'US' },
      language: { isoCode: 'EN' },
      market: { id: 'gid://shopify/Market/1', handle: 'us', metafield: none, regions: [] },
    },
    shop: { metafield: none, metaobject: none },
  };
}
