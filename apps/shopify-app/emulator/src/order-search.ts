// The part of Shopify's search syntax (shopify.dev/api/usage/search-syntax) that `orders(query:)`
// accepts in the emulator. Terms are joined by spaces or AND (all must match):
//   created_at, updated_at, processed_at  with :, :>, :>=, :<, :<= and a value that is an ISO time
//                                         ('2026-10-01T12:00:00Z'), a date (2026-10-01, UTC), a
//                                         year (2026) or now; a date or year spans its whole period
//   id                                    the numeric id, with the same comparators
//   financial_status, email, name, discount_code (the first code, as Shopify), customer_id,
//   status (open | cancelled)             equality, case-insensitive
// Anything else (free text, OR, NOT, -term, parentheses, other fields) is refused with an
// EMULATOR_UNSUPPORTED error rather than ignored, so a test never passes on a filter that did nothing.
import { GraphQLError } from 'graphql';
import type { Order } from './model.js';

type Comparator = '' | '>' | '>=' | '<' | '<=';
type Range = { start: number; end: number }; // inclusive
type Predicate = (order: Order) => boolean;

const unsupported = (what: string) =>
  new GraphQLError(`The emulator's orders search does not support ${what}`, {
    extensions: { code: 'EMULATOR_UNSUPPORTED' },
  });
const invalid = (what: string) =>
  new GraphQLError(`Invalid search value: ${what}`, { extensions: { code: 'BAD_REQUEST' } });

function tokenize(query: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (const char of query) {
    if (quote) {
      current += char;
      if (char === quote) quote = null;
    } else if (char === "'" || char === '"') {
      quote = char;
      current += char;
    } else if (/\s/.test(char)) {
      if (current) tokens.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  if (quote) throw invalid(`unclosed quote in ${query}`);
  if (current) tokens.push(current);
  return tokens;
}

const unquote = (value: string) => (/^(['"]).*\1$/s.test(value) ? value.slice(1, -1) : value);

function timeRange(value: string, now: number): Range {
  if (value === 'now') return { start: now, end: now };
  if (/^\d{4}$/.test(value)) {
    const year = Number(value);
    return { start: Date.UTC(year, 0, 1), end: Date.UTC(year + 1, 0, 1) - 1 };
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = Date.parse(`${value}T00:00:00Z`);
    if (Number.isNaN(start)) throw invalid(value);
    return { start, end: start + 86_400_000 - 1 };
  }
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw invalid(value);
  return { start: at, end: at };
}

function inRange(x: number, op: Comparator, range: Range): boolean {
  if (op === '>') return x > range.end;
  if (op === '>=') return x >= range.start;
  if (op === '<') return x < range.start;
  if (op === '<=') return x <= range.end;
  return x >= range.start && x <= range.end;
}

const tail = (gid: string | null) => gid?.split('/').at(-1) ?? null;

const equalityFields: Record<string, (order: Order) => (string | null)[]> = {
  financial_status: (o) => [o.displayFinancialStatus],
  email: (o) => [o.email],
  name: (o) => [o.name, o.name.replace(/^#/, '')],
  discount_code: (o) => [o.discountCodes[0] ?? null],
  customer_id: (o) => [tail(o.customerId)],
  status: (o) => [o.cancelledAt === null ? 'open' : 'cancelled'],
};

const timeFields: Record<string, (order: Order) => number> = {
  created_at: (o) => o.createdAt,
  updated_at: (o) => o.updatedAt,
  processed_at: (o) => o.processedAt,
};

function termPredicate(token: string, now: number): Predicate {
  const match = /^([a-z_]+):(>=|<=|>|<)?(.+)$/s.exec(token);
  if (!match) throw unsupported(`the term ${token} (free text, NOT, OR and grouping are not emulated)`);
  const [, field = '', op = '', raw = ''] = match;
  const value = unquote(raw);
  const comparator = op as Comparator;
  const time = timeFields[field];
  if (time) {
    const range = timeRange(value, now);
    return (o) => inRange(time(o), comparator, range);
  }
  if (field === 'id') {
    const id = Number(tail(value));
    if (!Number.isInteger(id)) throw invalid(token);
    return (o) => inRange(o.legacyId, comparator, { start: id, end: id });
  }
  const values = equalityFields[field];
  if (!values) throw unsupported(`the field ${field}`);
  if (comparator) throw unsupported(`${op} on ${field}`);
  const wanted = value.toLowerCase();
  return (o) => values(o).some((v) => v?.toLowerCase() === wanted);
}

/** A predicate for `orders(query:)`; no query matches every order. */
export function orderSearch(query: string | null | undefined, now: number): Predicate {
  const terms = tokenize(query ?? '').filter((t) => t !== 'AND');
  const predicates = terms.map((t) => {
    if (t === 'OR' || t === 'NOT' || t.startsWith('-') || t.startsWith('(')) throw unsupported(t);
    return termPredicate(t, now);
  });
  return (order) => predicates.every((p) => p(order));
}

const sortKeys: Record<string, (order: Order) => number> = {
  PROCESSED_AT: (o) => o.processedAt,
  CREATED_AT: (o) => o.createdAt,
  UPDATED_AT: (o) => o.updatedAt,
  ID: (o) => o.legacyId,
  TOTAL_PRICE: (o) => o.totalMinor,
};

export function orderSortKey(name: string): (order: Order) => number {
  const key = sortKeys[name];
  if (!key) throw unsupported(`sortKey ${name} (supported: ${Object.keys(sortKeys).join(', ')})`);
  return key;
}
