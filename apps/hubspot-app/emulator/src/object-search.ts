// POST /crm/v3/objects/{contacts|deals}/search: filter groups (ORed) of filters (ANDed), a free-text
// query over the common contact fields, sorts and `after` paging, within HubSpot's limits (5 groups
// of 6 filters, 200 per page, 10,000 results). Records are searchable at once: the emulator has no
// indexing delay. Operators beyond the ones below are refused explicitly.
import { z } from 'zod';
import { fail, ok, parseBody, type Reply } from './http.js';
import { showRecord } from './object-views.js';
import type { ObjectType, PortalState } from './portal.js';
import type { CrmRecord } from './records.js';

const filterSchema = z.object({
  propertyName: z.string(),
  operator: z.string(),
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
  values: z.array(z.union([z.string(), z.number(), z.boolean()])).optional(),
  highValue: z.string().optional(),
});

const sortSchema = z.union([
  z.string(),
  z.object({ propertyName: z.string(), direction: z.enum(['ASCENDING', 'DESCENDING']).optional() }),
]);

const searchSchema = z.object({
  filterGroups: z.array(z.object({ filters: z.array(filterSchema) })).optional(),
  query: z.string().optional(),
  properties: z.array(z.string()).optional(),
  sorts: z.array(sortSchema).optional(),
  limit: z.number().int().optional(),
  after: z.union([z.string(), z.number()]).optional(),
});

type Filter = z.infer<typeof filterSchema>;

const OPERATORS = ['EQ', 'NEQ', 'IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY'];
const QUERY_FIELDS = ['email', 'firstname', 'lastname', 'phone', 'company', 'dealname'];
const MAX_RESULTS = 10_000;

// String comparisons in CRM search ignore case.
const same = (a: string, b: string | number | boolean) => a.toLowerCase() === String(b).toLowerCase();

function matches(record: CrmRecord, filter: Filter): boolean {
  const value = record.values.get(filter.propertyName);
  const present = value !== undefined && value !== '';
  switch (filter.operator) {
    case 'HAS_PROPERTY':
      return present;
    case 'NOT_HAS_PROPERTY':
      return !present;
    case 'EQ':
      return present && filter.value !== undefined && same(value, filter.value);
    case 'NEQ':
      return !(present && filter.value !== undefined && same(value, filter.value));
    case 'IN':
      return present && (filter.values ?? []).some((v) => same(value, v));
    default:
      return !(present && (filter.values ?? []).some((v) => same(value, v)));
  }
}

function sorter(sorts: z.infer<typeof sortSchema>[]): (a: CrmRecord, b: CrmRecord) => number {
  const keys = sorts.map((sort) =>
    typeof sort === 'string'
      ? { name: sort.replace(/^-/, ''), sign: sort.startsWith('-') ? -1 : 1 }
      : { name: sort.propertyName, sign: sort.direction === 'DESCENDING' ? -1 : 1 },
  );
  keys.push({ name: 'hs_object_id', sign: 1 });
  return (a, b) => {
    for (const { name, sign } of keys) {
      const x = a.values.get(name) ?? '';
      const y = b.values.get(name) ?? '';
      const numeric = x !== '' && y !== '' && !Number.isNaN(Number(x)) && !Number.isNaN(Number(y));
      const order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
      if (order !== 0) return order * sign;
    }
    return 0;
  };
}

export function searchObjects(portal: PortalState, objectType: ObjectType, body: unknown): Reply {
  const parsed = parseBody(searchSchema, body ?? {});
  if (!parsed.ok) return parsed.reply;
  const request = parsed.value;
  const groups = request.filterGroups ?? [];
  if (groups.length > 5 || groups.some((group) => group.filters.length > 6)) {
    return fail(400, 'VALIDATION_ERROR', 'Search allows at most 5 filterGroups of at most 6 filters each.');
  }
  const unsupported = groups.flatMap((g) => g.filters).find((f) => !OPERATORS.includes(f.operator));
  if (unsupported) {
    return fail(
      400,
      'VALIDATION_ERROR',
      `The emulator does not implement search operator ${unsupported.operator}`,
    );
  }
  const limit = request.limit ?? 10;
  if (limit < 1 || limit > 200) return fail(400, 'VALIDATION_ERROR', 'limit must be between 1 and 200.');
  const offset = Number(request.after ?? 0);
  if (!Number.isInteger(offset) || offset < 0 || offset + limit > MAX_RESULTS) {
    return fail(
      400,
      'VALIDATION_ERROR',
      `after must be a non-negative integer; at most ${MAX_RESULTS} results.`,
    );
  }
  const query = request.query?.toLowerCase();
  const hits = [...portal.store(objectType).records.values()]
    .filter((record) => groups.length === 0 || groups.some((g) => g.filters.every((f) => matches(record, f))))
    .filter(
      (record) =>
        !query || QUERY_FIELDS.some((name) => record.values.get(name)?.toLowerCase().includes(query)),
    )
    .sort(sorter(request.sorts ?? []));
  const page = hits.slice(offset, offset + limit);
  const next = offset + limit < Math.min(hits.length, MAX_RESULTS) ? String(offset + limit) : null;
  return ok({
    total: hits.length,
    results: page.map((record) =>
      showRecord(portal, objectType, record, { properties: request.properties ?? null }),
    ),
    ...(next ? { paging: { next: { after: next } } } : {}),
  });
}
