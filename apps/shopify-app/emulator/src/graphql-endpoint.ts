// POST /admin/api/2026-10/graphql.json, once the access token named the shop: validate the
// document against the real Admin schema, charge its cost to the shop's leaky bucket, run it in memory.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type DocumentNode,
  execute,
  type GraphQLError,
  type GraphQLSchema,
  Kind,
  parse,
  validate,
} from 'graphql';
import { z } from 'zod';
import { type LeakyBucket, MAX_SINGLE_QUERY_COST, requestedCost } from './cost.js';
import { readBody, send } from './http.js';
import { rootValue, supportedRootFields } from './resolvers.js';
import type { ShopState } from './store.js';

export type GraphqlRequestLog = { shop: string; query: string; variables: Record<string, unknown> }[];

const requestBodySchema = z.object({
  query: z.string().min(1),
  variables: z.record(z.string(), z.unknown()).nullish(),
  operationName: z.string().nullish(),
});

function unsupportedFields(document: DocumentNode): string[] {
  const missing: string[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const allowed: readonly string[] =
      definition.operation === 'mutation' ? supportedRootFields.mutation : supportedRootFields.query;
    for (const selection of definition.selectionSet.selections) {
      if (
        selection.kind === Kind.FIELD &&
        selection.name.value !== '__typename' &&
        !allowed.includes(selection.name.value)
      ) {
        missing.push(selection.name.value);
      }
    }
  }
  return missing;
}

export async function handleGraphql(
  req: IncomingMessage,
  res: ServerResponse,
  shop: { state: ShopState; bucket: LeakyBucket },
  schema: GraphQLSchema,
  requests: GraphqlRequestLog,
): Promise<void> {
  let body: z.infer<typeof requestBodySchema>;
  try {
    body = requestBodySchema.parse(JSON.parse(await readBody(req)));
  } catch (error) {
    return send(res, 400, {
      errors: { query: [`Bad request: ${(error as Error).message.slice(0, 200)}`] },
    });
  }
  const variables = body.variables ?? {};
  requests.push({ shop: shop.state.domain, query: body.query, variables });
  let document: DocumentNode;
  try {
    document = parse(body.query);
  } catch (error) {
    return send(res, 200, { errors: [(error as GraphQLError).toJSON()] });
  }
  const invalid = validate(schema, document);
  if (invalid.length > 0) return send(res, 200, { errors: invalid.map((e) => e.toJSON()) });
  const cost = requestedCost(schema, document, variables);
  if (cost > MAX_SINGLE_QUERY_COST) {
    return send(res, 200, {
      errors: [
        {
          message: `Query cost is ${cost}, which exceeds the single query max cost limit (${MAX_SINGLE_QUERY_COST}).`,
          extensions: { code: 'MAX_COST_EXCEEDED', cost, maxCost: MAX_SINGLE_QUERY_COST },
        },
      ],
    });
  }
  if (!shop.bucket.take(cost)) {
    return send(res, 200, {
      errors: [
        {
          message: 'Throttled',
          extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' },
        },
      ],
      extensions: {
        cost: { requestedQueryCost: cost, actualQueryCost: null, throttleStatus: shop.bucket.status() },
      },
    });
  }
  const unsupported = unsupportedFields(document);
  if (unsupported.length > 0) {
    shop.bucket.refund(cost);
    return send(res, 200, {
      errors: [
        {
          message: `The emulator does not implement ${unsupported.join(', ')} (the document is valid).`,
          extensions: { code: 'EMULATOR_UNSUPPORTED' },
        },
      ],
    });
  }
  const result = await execute({
    schema,
    document,
    rootValue: rootValue(shop.state),
    variableValues: variables,
    ...(body.operationName ? { operationName: body.operationName } : {}),
  });
  send(res, 200, {
    ...(result.errors ? { errors: result.errors.map((e) => e.toJSON()) } : {}),
    data: result.data ?? null,
    extensions: {
      cost: { requestedQueryCost: cost, actualQueryCost: cost, throttleStatus: shop.bucket.status() },
    },
  });
}
