// discountRedeemCodeBulkAdd (at most 250 codes a call) and discountCodeRedeemCodeBulkDelete, with
// their asynchronous results: as on Shopify the mutations only answer with a bulk creation or a
// job that is not done yet, and the caller polls discountRedeemCodeBulkCreation(id) / job(id). The
// emulator does the work at once and reports it done from the first poll on. Each code is checked
// on its own: a code another discount of the shop has (or that appears twice in the call) fails
// with its own errors, the others are added.
import { z } from 'zod';
import { codeTaken } from './app-discount-resolvers.js';
import { codeDiscountNodeView, redeemCodeView } from './app-discount-views.js';
import type { RedeemCodeError as CodeError, RedeemCodeBulkCreation } from './app-discounts.js';
import { type PageArgs, paginate } from './connection.js';
import { type ShopState, toDateTime } from './store.js';

type Args = Record<string, unknown>;

/** The largest `codes` list discountRedeemCodeBulkAdd takes (its argument's documented maximum). */
export const MAX_CODES_PER_BULK_ADD = 250;
const MAX_CODE_LENGTH = 255;

const err = (field: string[] | null, code: string, message: string): CodeError => ({
  field,
  code,
  message,
  extraInfo: null,
});

const bulkAddArgs = z.object({ discountId: z.string(), codes: z.array(z.object({ code: z.string() })) });
const bulkDeleteArgs = z.object({
  discountId: z.string(),
  ids: z.array(z.string()).nullish(),
  search: z.string().nullish(),
  savedSearchId: z.string().nullish(),
});

function bulkCreationView(state: ShopState, b: RedeemCodeBulkCreation) {
  const done = b.polled;
  const discount = state.appDiscounts.get(b.discountId);
  const imported = b.results.filter((r) => r.redeemCode).length;
  return {
    id: b.id,
    done,
    codesCount: b.results.length,
    importedCount: done ? imported : 0,
    failedCount: done ? b.results.length - imported : 0,
    createdAt: toDateTime(b.createdAt),
    discountCode: discount ? codeDiscountNodeView(state, discount) : null,
    codes: (args: PageArgs) =>
      paginate(
        done ? b.results : [],
        (r) => [b.results.indexOf(r), b.results.indexOf(r)],
        args,
        (r) => ({
          code: r.code,
          discountRedeemCode: r.redeemCode ? redeemCodeView(r.redeemCode) : null,
          errors: r.errors,
        }),
      ),
  };
}

function bulkAdd(state: ShopState, args: Args) {
  const { discountId, codes } = bulkAddArgs.parse(args);
  const discount = state.appDiscounts.get(discountId);
  if (discount?.method !== 'code') {
    return { bulkCreation: null, userErrors: [err(['discountId'], 'INVALID', 'Discount does not exist')] };
  }
  if (codes.length === 0)
    return { bulkCreation: null, userErrors: [err(['codes'], 'BLANK', "Codes can't be blank")] };
  if (codes.length > MAX_CODES_PER_BULK_ADD) {
    return {
      bulkCreation: null,
      userErrors: [
        err(['codes'], 'TOO_MANY_ARGUMENTS', `Codes can't exceed ${MAX_CODES_PER_BULK_ADD} per request`),
      ],
    };
  }
  const seen = new Set<string>();
  const results = codes.map(({ code: raw }) => {
    const code = raw.trim();
    const key = code.toUpperCase();
    const errors: CodeError[] = [];
    if (!code) errors.push(err(['code'], 'BLANK', "Code can't be blank"));
    else if (code.length > MAX_CODE_LENGTH)
      errors.push(err(['code'], 'TOO_LONG', 'Code is too long (maximum is 255 characters)'));
    else if (seen.has(key)) errors.push(err(['code'], 'DUPLICATE', 'Code is duplicated in this request.'));
    else if (codeTaken(state, code))
      errors.push(err(['code'], 'TAKEN', 'Code must be unique. Please try a different code.'));
    seen.add(key);
    if (errors.length > 0) return { code, redeemCode: null, errors };
    const redeemCode = { id: state.nextGid('DiscountRedeemCode'), code };
    discount.codes.set(key, redeemCode);
    return { code, redeemCode, errors };
  });
  const bulk: RedeemCodeBulkCreation = {
    id: state.nextGid('DiscountRedeemCodeBulkCreation'),
    discountId,
    createdAt: Math.floor(state.now() / 1000) * 1000,
    polled: false,
    results,
  };
  state.redeemCodeBulkCreations.set(bulk.id, bulk);
  return { bulkCreation: bulkCreationView(state, bulk), userErrors: [] };
}

function bulkDelete(state: ShopState, args: Args) {
  const input = bulkDeleteArgs.parse(args);
  const discount = state.appDiscounts.get(input.discountId);
  if (discount?.method !== 'code') {
    return { job: null, userErrors: [err(['discountId'], 'INVALID', 'Discount does not exist')] };
  }
  if (input.search || input.savedSearchId) {
    return {
      job: null,
      userErrors: [err(['search'], 'INVALID', 'The emulator deletes redeem codes by ids only.')],
    };
  }
  const ids = new Set(input.ids ?? []);
  if (ids.size === 0) return { job: null, userErrors: [err(['ids'], 'BLANK', "Ids can't be blank")] };
  for (const [key, c] of discount.codes) if (ids.has(c.id)) discount.codes.delete(key);
  const job = { id: state.nextGid('Job'), polled: false };
  state.jobs.set(job.id, job);
  return { job: { id: job.id, done: false, query: null }, userErrors: [] };
}

export function redeemCodeResolvers(state: ShopState) {
  return {
    discountRedeemCodeBulkAdd: (args: Args) => bulkAdd(state, args),
    discountCodeRedeemCodeBulkDelete: (args: Args) => bulkDelete(state, args),
    discountRedeemCodeBulkCreation: (args: Args) => {
      const bulk = state.redeemCodeBulkCreations.get(String(args.id));
      if (!bulk) return null;
      bulk.polled = true;
      return bulkCreationView(state, bulk);
    },
    job: (args: Args) => {
      const job = state.jobs.get(String(args.id));
      if (!job) return null;
      job.polled = true;
      return { id: job.id, done: true, query: null };
    },
  };
}
