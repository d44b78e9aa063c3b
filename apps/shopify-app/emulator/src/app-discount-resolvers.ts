// discountCodeAppCreate, discountAutomaticAppCreate, their deactivation, and the queries that
// find them (by id, by redeem code, by tag or status). Validation follows Shopify's
// DiscountErrorCode values; at most 25 automatic discounts may be active at once.
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { automaticDiscountNodeView, codeDiscountNodeView } from './app-discount-views.js';
import { type AppDiscount, appDiscountByCode, appDiscountStatus } from './app-discounts.js';
import { type PageArgs, paginate } from './connection.js';
import { type ShopState, toStoredTime } from './store.js';

type Args = Record<string, unknown>;
type UserError = { field: string[] | null; code: string; message: string; extraInfo: null };

const MAX_ACTIVE_AUTOMATIC = 25;
const MAX_CODE_LENGTH = 255;

// The schema already validated shapes; these pick out the fields the emulator reads.
const appInputSchema = z.object({
  title: z.string().nullish(),
  code: z.string().nullish(),
  functionHandle: z.string().nullish(),
  functionId: z.string().nullish(),
  startsAt: z.string().nullish(),
  endsAt: z.string().nullish(),
  appliesOncePerCustomer: z.boolean().nullish(),
  discountClasses: z.array(z.enum(['ORDER', 'PRODUCT', 'SHIPPING'])).nullish(),
  tags: z.array(z.string()).nullish(),
  combinesWith: z
    .object({
      orderDiscounts: z.boolean().nullish(),
      productDiscounts: z.boolean().nullish(),
      shippingDiscounts: z.boolean().nullish(),
    })
    .nullish(),
  metafields: z
    .array(
      z.object({
        namespace: z.string().nullish(),
        key: z.string().nullish(),
        type: z.string().nullish(),
        value: z.string().nullish(),
      }),
    )
    .nullish(),
});
type AppInput = z.infer<typeof appInputSchema>;

const error = (field: string[] | null, code: string, message: string): UserError => ({
  field,
  code,
  message,
  extraInfo: null,
});

/** Is the code (any case) already a code of some discount of the shop? */
export function codeTaken(state: ShopState, code: string): boolean {
  const key = code.trim().toUpperCase();
  return state.discounts.has(key) || appDiscountByCode(state.appDiscounts.values(), key) !== null;
}

function validate(
  state: ShopState,
  input: AppInput,
  root: string,
  method: AppDiscount['method'],
): UserError[] {
  const errors: UserError[] = [];
  const at = (field: string) => [root, field];
  if (!input.title?.trim()) errors.push(error(at('title'), 'BLANK', "Title can't be blank"));
  if (input.functionHandle && input.functionId)
    errors.push(
      error(
        at('functionHandle'),
        'MULTIPLE_FUNCTION_IDENTIFIERS',
        'Only one of functionHandle or functionId is allowed.',
      ),
    );
  if (!input.functionHandle && !input.functionId)
    errors.push(
      error(
        at('functionHandle'),
        'MISSING_FUNCTION_IDENTIFIER',
        'A functionHandle or functionId is required.',
      ),
    );
  if (method === 'code') {
    const code = input.code?.trim() ?? '';
    if (!code) errors.push(error(at('code'), 'BLANK', "Code can't be blank"));
    else if (code.length > MAX_CODE_LENGTH)
      errors.push(error(at('code'), 'TOO_LONG', 'Code is too long (maximum is 255 characters)'));
    else if (codeTaken(state, code))
      errors.push(error(at('code'), 'TAKEN', 'Code must be unique. Please try a different code.'));
  }
  const startsAt = input.startsAt ? toStoredTime(input.startsAt) : null;
  const endsAt = input.endsAt ? toStoredTime(input.endsAt) : null;
  if (startsAt !== null && endsAt !== null && endsAt <= startsAt)
    errors.push(error(at('endsAt'), 'END_DATE_BEFORE_START_DATE', 'Ends at needs to be after starts_at'));
  for (const [i, m] of (input.metafields ?? []).entries()) {
    if (!m.key || !m.namespace || !m.type || m.value === null || m.value === undefined)
      errors.push(
        error(
          [root, 'metafields', String(i)],
          'BLANK',
          'Metafield namespace, key, type and value are required.',
        ),
      );
  }
  if (method === 'automatic') {
    const active = [...state.appDiscounts.values()].filter(
      (d) => d.method === 'automatic' && appDiscountStatus(d, state.now()) !== 'EXPIRED',
    );
    if (active.length >= MAX_ACTIVE_AUTOMATIC) {
      errors.push(
        error(
          at('startsAt'),
          'ACTIVE_PERIOD_OVERLAP',
          `Only ${MAX_ACTIVE_AUTOMATIC} automatic discounts can be active at the same time.`,
        ),
      );
    }
  }
  return errors;
}

function create(state: ShopState, args: Args, method: AppDiscount['method']) {
  const root = method === 'code' ? 'codeAppDiscount' : 'automaticAppDiscount';
  const input = appInputSchema.parse(args[root] ?? {});
  const payloadKey = method === 'code' ? 'codeAppDiscount' : 'automaticAppDiscount';
  const errors = validate(state, input, root, method);
  if (errors.length > 0) return { [payloadKey]: null, userErrors: errors };
  const now = Math.floor(state.now() / 1000) * 1000;
  const startsAt = input.startsAt ? toStoredTime(input.startsAt) : now;
  const discount: AppDiscount = {
    id: state.nextGid(method === 'code' ? 'DiscountCodeNode' : 'DiscountAutomaticNode'),
    method,
    title: input.title!.trim(),
    functionHandle: input.functionHandle ?? input.functionId!,
    codes: new Map(),
    metafields: new Map(
      (input.metafields ?? []).map((m) => [`${m.namespace}.${m.key}`, { type: m.type!, value: m.value! }]),
    ),
    combinesWith: {
      orderDiscounts: input.combinesWith?.orderDiscounts === true,
      productDiscounts: input.combinesWith?.productDiscounts === true,
      shippingDiscounts: input.combinesWith?.shippingDiscounts === true,
    },
    status: startsAt > now ? 'SCHEDULED' : 'ACTIVE',
    startsAt,
    endsAt: input.endsAt ? toStoredTime(input.endsAt) : null,
    tags: input.tags ?? [],
    discountClasses: input.discountClasses ?? ['ORDER'],
    appliesOncePerCustomer: input.appliesOncePerCustomer === true,
    createdAt: now,
  };
  if (method === 'code') {
    const code = input.code!.trim();
    discount.codes.set(code.toUpperCase(), { id: state.nextGid('DiscountRedeemCode'), code });
  }
  state.appDiscounts.set(discount.id, discount);
  const node =
    method === 'code' ? codeDiscountNodeView(state, discount) : automaticDiscountNodeView(state, discount);
  return {
    [payloadKey]:
      method === 'code'
        ? (node as ReturnType<typeof codeDiscountNodeView>).codeDiscount
        : (node as ReturnType<typeof automaticDiscountNodeView>).automaticDiscount,
    userErrors: [],
  };
}

function deactivate(state: ShopState, id: string, method: AppDiscount['method']) {
  const d = state.appDiscounts.get(id);
  if (!d || d.method !== method) return null;
  if (appDiscountStatus(d, state.now()) !== 'EXPIRED') {
    d.status = 'EXPIRED';
    d.endsAt = Math.floor(state.now() / 1000) * 1000;
  }
  return d;
}

/** The part of Shopify's discount search the emulator serves: `tag:` and `status:` terms, ANDed. */
function discountFilter(query: string | null | undefined): (d: AppDiscount, now: number) => boolean {
  const terms = (query ?? '').match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? [];
  const tests = terms
    .filter((t) => t !== 'AND')
    .map((term) => {
      const match = /^(tag|status):(.+)$/.exec(term);
      if (!match) {
        throw new GraphQLError(`The emulator's discount search does not support ${term}`, {
          extensions: { code: 'EMULATOR_UNSUPPORTED' },
        });
      }
      const value = match[2]!.replace(/^(['"])(.*)\1$/, '$2');
      return match[1] === 'tag'
        ? (d: AppDiscount) => (d.tags ?? []).includes(value)
        : (d: AppDiscount, now: number) => appDiscountStatus(d, now) === value.toUpperCase();
    });
  return (d, now) => tests.every((t) => t(d, now));
}

function search(state: ShopState, args: Args, method: AppDiscount['method']) {
  const matches = discountFilter(args.query as string | null);
  const found = [...state.appDiscounts.values()].filter(
    (d) => d.method === method && matches(d, state.now()),
  );
  const view = method === 'code' ? codeDiscountNodeView : automaticDiscountNodeView;
  const id = (d: AppDiscount) => Number(d.id.split('/').pop());
  return paginate(
    found,
    (d) => [id(d), id(d)],
    args as PageArgs,
    (d) => view(state, d),
  );
}

export function appDiscountResolvers(state: ShopState) {
  return {
    discountCodeAppCreate: (args: Args) => create(state, args, 'code'),
    discountAutomaticAppCreate: (args: Args) => create(state, args, 'automatic'),
    discountAutomaticDeactivate: (args: Args) => {
      const d = deactivate(state, String(args.id), 'automatic');
      return d
        ? { automaticDiscountNode: automaticDiscountNodeView(state, d), userErrors: [] }
        : { automaticDiscountNode: null, userErrors: [error(['id'], 'INVALID', 'Discount does not exist')] };
    },
    codeDiscountNode: (args: Args) => {
      const d = state.appDiscounts.get(String(args.id));
      return d?.method === 'code' ? codeDiscountNodeView(state, d) : null;
    },
    automaticDiscountNode: (args: Args) => {
      const d = state.appDiscounts.get(String(args.id));
      return d?.method === 'automatic' ? automaticDiscountNodeView(state, d) : null;
    },
    codeDiscountNodes: (args: Args) => search(state, args, 'code'),
    automaticDiscountNodes: (args: Args) => search(state, args, 'automatic'),
  };
}

/** discountCodeDeactivate for an app code discount (resolvers.ts handles the basic ones). */
export function deactivateAppCodeDiscount(state: ShopState, id: string) {
  const d = deactivate(state, id, 'code');
  return d ? { codeDiscountNode: codeDiscountNodeView(state, d), userErrors: [] } : null;
}

/** codeDiscountNodeByCode for app discounts' redeem codes (resolvers.ts looks at basic ones first). */
export function appCodeDiscountNodeByCode(state: ShopState, code: string) {
  const found = appDiscountByCode(state.appDiscounts.values(), code);
  return found ? codeDiscountNodeView(state, found.discount) : null;
}
