// The real Admin GraphQL schema (2026-10) and Discount Function API schema (2026-10), built from
// Shopify's introspection JSON.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql';

export const ADMIN_API_VERSION = '2026-10';
/** The Discount Function API version the emulator checkout runs functions with. */
export const DISCOUNT_FUNCTION_API_VERSION = '2026-10';

const dataFile = (name: string) => fileURLToPath(new URL(`../data/${name}`, import.meta.url));
const cached = new Map<string, GraphQLSchema>();

function load(name: string): GraphQLSchema {
  const known = cached.get(name);
  if (known) return known;
  const json = JSON.parse(gunzipSync(readFileSync(dataFile(name))).toString('utf8')) as {
    data: IntrospectionQuery;
  };
  const schema = buildClientSchema(json.data, { assumeValid: true });
  cached.set(name, schema);
  return schema;
}

/** Loads once per process; run `node scripts/fetch-admin-schema.mjs` (build and test do) first. */
export const loadAdminSchema = (): GraphQLSchema => load(`admin_${ADMIN_API_VERSION}.json.gz`);

/**
 * The Discount Function API: query root `Input` (what an input query may ask), mutation root
 * `MutationRoot` whose `cartLinesDiscountsGenerateRun(result:)` argument types a function's output.
 */
export const loadDiscountFunctionSchema = (): GraphQLSchema =>
  load(`functions_discount_${DISCOUNT_FUNCTION_API_VERSION}.json.gz`);
