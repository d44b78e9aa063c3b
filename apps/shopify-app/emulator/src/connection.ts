// Relay connections the way Shopify pages them: first/after or last/before, at most 250 a page,
// sortKey with reverse, and opaque cursors that name the last node's sort key and id, so a page
// stays right when nodes are added or change in between (keyset, not offsets).
import { GraphQLError } from 'graphql';

export type PageArgs = {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  reverse?: boolean | null;
};

export type SortKey = [value: number | string, id: number];

export const MAX_PAGE_SIZE = 250;

const compare = (a: SortKey, b: SortKey): number => {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  return a[1] - b[1];
};

const encodeCursor = (key: SortKey) => Buffer.from(JSON.stringify(key)).toString('base64url');

function decodeCursor(cursor: string): SortKey {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === 2 &&
      (typeof key[0] === 'number' || typeof key[0] === 'string') &&
      typeof key[1] === 'number'
    ) {
      return key as SortKey;
    }
  } catch {
    // falls through to the error below
  }
  throw new GraphQLError(`Invalid cursor: ${cursor}`, { extensions: { code: 'BAD_REQUEST' } });
}

function pageSize(name: 'first' | 'last', value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (value < 0 || value > MAX_PAGE_SIZE) {
    throw new GraphQLError(`The ${name} argument must be between 0 and ${MAX_PAGE_SIZE}`, {
      extensions: { code: 'BAD_REQUEST' },
    });
  }
  return value;
}

export function paginate<T>(
  items: T[],
  keyOf: (item: T) => SortKey,
  args: PageArgs,
  view: (item: T) => unknown,
) {
  const first = pageSize('first', args.first);
  const last = pageSize('last', args.last);
  if ((first === null) === (last === null)) {
    throw new GraphQLError('You must provide one of first or last', { extensions: { code: 'BAD_REQUEST' } });
  }
  const direction = args.reverse ? -1 : 1;
  const sorted = items
    .map((item) => ({ item, key: keyOf(item) }))
    .sort((a, b) => direction * compare(a.key, b.key));
  let start = 0;
  let end = sorted.length;
  if (args.after) {
    const after = decodeCursor(args.after);
    const i = sorted.findIndex((e) => direction * compare(e.key, after) > 0);
    start = i === -1 ? sorted.length : i;
  }
  if (args.before) {
    const before = decodeCursor(args.before);
    const i = sorted.findIndex((e) => direction * compare(e.key, before) >= 0);
    end = i === -1 ? sorted.length : i;
  }
  if (first !== null) end = Math.min(end, start + first);
  if (last !== null) start = Math.max(start, end - last);
  const page = start < end ? sorted.slice(start, end) : [];
  const edges = page.map((e) => ({ cursor: encodeCursor(e.key), node: view(e.item) }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: end < sorted.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
