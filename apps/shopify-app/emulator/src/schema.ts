// The real Admin GraphQL schema (2026-10), built from Shopify's introspection JSON.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql';

export const ADMIN_API_VERSION = '2026-10';

const schemaFile = fileURLToPath(new URL(`../data/admin_${ADMIN_API_VERSION}.json.gz`, import.meta.url));
let cached: GraphQLSchema | null = null;

/** Loads once per process; run `node scripts/fetch-admin-schema.mjs` (build and test do) first. */
export function loadAdminSchema(): GraphQLSchema {
  if (cached) return cached;
  const json = JSON.parse(gunzipSync(readFileSync(schemaFile)).toString('utf8')) as {
    data: IntrospectionQuery;
  };
  cached = buildClientSchema(json.data, { assumeValid: true });
  return cached;
}
