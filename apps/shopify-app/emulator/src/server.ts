// POST /admin/api/2026-10/graphql.json - authenticate by access token, validate the document
// against the real Admin schema, charge its cost to the shop's leaky bucket, run it in memory.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DocumentNode, execute, type GraphQLError, Kind, parse, validate } from 'graphql';
import { z } from 'zod';
import { LeakyBucket, MAX_SINGLE_QUERY_COST, requestedCost } from './cost.js';
import { rootValue, supportedRootFields } from './resolvers.js';
import { ADMIN_API_VERSION, loadAdminSchema } from './schema.js';
import { ShopState } from './store.js';

export type EmulatorOptions = {
  port?: number;
  /** Bucket size and restore rate per app and shop (Standard plan: restores 100 points/s). */
  maximumAvailable?: number;
  restoreRate?: number;
  now?: () => number;
};

type Shop = { state: ShopState; bucket: LeakyBucket; accessToken: string };

export type ShopifyEmulator = {
  url: string;
  graphqlPath: string;
  addShop(domain: string, accessToken: string): ShopState;
  shop(domain: string): ShopState;
  /** Every GraphQL document received, in order (for tests that inspect what the app sent). */
  requests: { shop: string; query: string; variables: Record<string, unknown> }[];
  close(): Promise<void>;
};

const requestBodySchema = z.object({
  query: z.string().min(1),
  variables: z.record(z.string(), z.unknown()).nullish(),
  operationName: z.string().nullish(),
});

const MAX_BODY_BYTES = 1_000_000;

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('Request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

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

export async function startShopifyEmulator(options: EmulatorOptions = {}): Promise<ShopifyEmulator> {
  const schema = loadAdminSchema();
  const graphqlPath = `/admin/api/${ADMIN_API_VERSION}/graphql.json`;
  const shops = new Map<string, Shop>();
  const byToken = new Map<string, Shop>();
  const requests: ShopifyEmulator['requests'] = [];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST' || req.url?.split('?')[0] !== graphqlPath)
      return send(res, 404, { errors: 'Not Found' });
    const token = req.headers['x-shopify-access-token'];
    const shop = typeof token === 'string' ? byToken.get(token) : undefined;
    if (!shop) {
      return send(res, 401, {
        errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
      });
    }
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

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) =>
      send(res, 500, { errors: [{ message: (error as Error).message }] }),
    );
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    graphqlPath,
    requests,
    addShop(domain, accessToken) {
      const entry: Shop = {
        state: new ShopState(domain),
        bucket: new LeakyBucket(options.maximumAvailable ?? 2000, options.restoreRate ?? 100, options.now),
        accessToken,
      };
      shops.set(domain, entry);
      byToken.set(accessToken, entry);
      return entry.state;
    },
    shop(domain) {
      const entry = shops.get(domain);
      if (!entry) throw new Error(`No emulated shop ${domain}`);
      return entry.state;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
