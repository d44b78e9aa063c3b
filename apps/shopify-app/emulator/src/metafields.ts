// metafieldsSet on the owners the emulator keeps metafields for (app discounts and customers),
// and the `metafield(namespace, key)` / `metafields` fields of those owners. As on Shopify the call
// is atomic (one bad entry and nothing is written), takes at most 25 entries, needs `type` when no
// definition exists (the emulator has none), and checks the value against the type. The emulator
// serves one app, so a reserved "$app:…" namespace is stored as written.
import { z } from 'zod';
import type { ShopState } from './store.js';

export type MetafieldValue = { type: string; value: string };
type Store = Map<string, MetafieldValue>;
type SetError = { field: string[]; code: string; message: string; elementIndex: number | null };

const MAX_ENTRIES = 25;
const entrySchema = z.object({
  ownerId: z.string(),
  namespace: z.string().nullish(),
  key: z.string(),
  type: z.string().nullish(),
  value: z.string(),
  compareDigest: z.string().nullish(),
});

/** The app-reserved namespace when none is given (Shopify's default for an app's writes). */
const DEFAULT_NAMESPACE = '$app';

/** The metafields of an owner gid, when the emulator keeps any for that kind of owner. */
export function metafieldsOf(state: ShopState, ownerId: string): Store | null {
  if (ownerId.startsWith('gid://shopify/Customer/')) return state.customers.get(ownerId)?.metafields ?? null;
  return state.appDiscounts.get(ownerId)?.metafields ?? null;
}

/** Why a value does not fit its type, or null. Types the emulator does not know are refused. */
function valueProblem(type: string, value: string): string | null {
  const json = () => {
    try {
      return { ok: true as const, parsed: JSON.parse(value) as unknown };
    } catch {
      return { ok: false as const };
    }
  };
  switch (type) {
    case 'json':
      return json().ok ? null : 'Value is invalid JSON.';
    case 'single_line_text_field':
      return value.includes('\n') ? 'Value must be a single line of text.' : null;
    case 'list.single_line_text_field': {
      const read = json();
      const ok =
        read.ok &&
        Array.isArray(read.parsed) &&
        read.parsed.every((v) => typeof v === 'string' && v.length > 0 && !v.includes('\n'));
      return ok ? null : 'Value must be a JSON array of single lines of text.';
    }
    case 'boolean':
      return value === 'true' || value === 'false' ? null : 'Value must be true or false.';
    case 'number_integer':
      return /^-?\d+$/.test(value) ? null : 'Value must be an integer.';
    default:
      return `The emulator does not support the metafield type ${type}.`;
  }
}

export const metafieldView = (ownerId: string, namespace: string, key: string, m: MetafieldValue) => ({
  id: `gid://shopify/Metafield/${Buffer.from(`${ownerId}|${namespace}.${key}`).toString('base64url')}`,
  namespace,
  key,
  type: m.type,
  value: m.value,
  jsonValue: m.type === 'json' || m.type.startsWith('list.') ? JSON.parse(m.value) : m.value,
  compareDigest: Buffer.from(m.value).toString('base64url').slice(0, 32),
  createdAt: new Date().toISOString(),
  updatedAt: new Date().toISOString(),
});

/** The `metafield(namespace, key)` and `metafields(namespace, keys, first)` fields of an owner. */
export function metafieldFields(ownerId: string, store: Store) {
  return {
    metafield: (args: { namespace?: string | null; key: string }) => {
      const namespace = args.namespace ?? DEFAULT_NAMESPACE;
      const m = store.get(`${namespace}.${args.key}`);
      return m ? metafieldView(ownerId, namespace, args.key, m) : null;
    },
    metafields: (args: { namespace?: string | null; keys?: string[] | null; first?: number | null }) => {
      const nodes = [...store]
        .map(([full, m]) => {
          const dot = full.lastIndexOf('.');
          return { namespace: full.slice(0, dot), key: full.slice(dot + 1), full, m };
        })
        .filter((e) => (args.namespace ? e.namespace === args.namespace : true))
        .filter((e) => (args.keys ? args.keys.includes(e.full) : true))
        .slice(0, args.first ?? 10)
        .map((e) => metafieldView(ownerId, e.namespace, e.key, e.m));
      return {
        nodes,
        edges: nodes.map((node) => ({ cursor: node.id, node })),
        pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
      };
    },
  };
}

export function metafieldsSet(state: ShopState, args: Record<string, unknown>) {
  const entries = z.array(entrySchema).parse(args.metafields ?? []);
  const errors: SetError[] = [];
  if (entries.length > MAX_ENTRIES) {
    errors.push({
      field: ['metafields'],
      code: 'LESS_THAN_OR_EQUAL_TO',
      message: `Exceeded the maximum metafields input limit of ${MAX_ENTRIES}.`,
      elementIndex: null,
    });
  }
  entries.forEach((entry, i) => {
    const at = (field: string) => ['metafields', String(i), field];
    const namespace = entry.namespace ?? DEFAULT_NAMESPACE;
    if (!metafieldsOf(state, entry.ownerId)) {
      errors.push({
        field: at('ownerId'),
        code: 'INVALID',
        message: 'Owner does not exist.',
        elementIndex: i,
      });
    }
    if (entry.key.length < 2 || entry.key.length > 64 || !/^[\w-]+$/.test(entry.key)) {
      errors.push({
        field: at('key'),
        code: 'INVALID',
        message:
          'Key must be 2-64 characters long and can only contain alphanumeric, hyphen, and underscore characters.',
        elementIndex: i,
      });
    }
    if (!/^(\$app(:[\w-]{1,200})?|[\w-]{3,255})$/.test(namespace)) {
      errors.push({
        field: at('namespace'),
        code: 'INVALID',
        message: 'Namespace is invalid.',
        elementIndex: i,
      });
    }
    if (!entry.type) {
      errors.push({ field: at('type'), code: 'BLANK', message: "Type can't be blank.", elementIndex: i });
      return;
    }
    const problem = valueProblem(entry.type, entry.value);
    if (problem)
      errors.push({ field: at('value'), code: 'INVALID_VALUE', message: problem, elementIndex: i });
  });
  if (errors.length > 0) return { metafields: null, userErrors: errors };
  const written = entries.map((entry) => {
    const namespace = entry.namespace ?? DEFAULT_NAMESPACE;
    const value = { type: entry.type!, value: entry.value };
    metafieldsOf(state, entry.ownerId)!.set(`${namespace}.${entry.key}`, value);
    const owner = { __typename: entry.ownerId.split('/')[3], id: entry.ownerId };
    return { ...metafieldView(entry.ownerId, namespace, entry.key, value), owner };
  });
  return { metafields: written, userErrors: [] };
}
