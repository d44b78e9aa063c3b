// Admin GraphQL through the official client, with our cost-aware limiter in front and THROTTLED
// answers handled behind it (the client itself throws on them and never backs off).
import { DomainError } from '@referrals/core';
import { GraphqlQueryError, HttpResponseError } from '@shopify/shopify-api';
import type { Logger } from 'pino';
import { CostLimiter, type ThrottleStatus } from './cost-limiter.js';
import type { AdminMutationDocuments, AdminQueryDocuments } from './generated/admin.generated.js';
import type { OfflineSessions } from './offline-sessions.js';

/**
 * Every document in documents.ts, keyed by its exact text, with the result and variables types
 * codegen.ts generated for it from the 2026-10 schema. A document edited without regenerating is
 * not a key (a type error where it is sent); one the schema refuses does not generate.
 */
export type AdminDocuments = AdminQueryDocuments & AdminMutationDocuments;
export type AdminDocument = keyof AdminDocuments;
export type AdminResult<D extends AdminDocument> = AdminDocuments[D]['return'];
export type AdminVariables<D extends AdminDocument> = AdminDocuments[D]['variables'];

export type AdminGraphqlDeps = {
  sessions: OfflineSessions;
  logger: Logger;
  limiter?: CostLimiter;
  /** THROTTLED answers retried before giving up (the job is retried later). Default 5. */
  maxThrottledRetries?: number;
};

type CostExtensions = { cost?: { requestedQueryCost?: number; throttleStatus?: ThrottleStatus } };
type GraphqlErrorEntry = { message?: string; extensions?: { code?: string } };

export type UserError = { field?: string[] | null; message: string; code?: string | null };

export class AdminGraphql {
  readonly limiter: CostLimiter;
  /** Requests Shopify answered THROTTLED (should stay 0 while we are the only client). */
  throttled = 0;
  private readonly expectedCost = new Map<string, number>();

  constructor(private readonly deps: AdminGraphqlDeps) {
    this.limiter = deps.limiter ?? new CostLimiter();
  }

  async request<D extends AdminDocument>(
    merchantId: string,
    document: D,
    variables: AdminVariables<D>,
  ): Promise<AdminResult<D>> {
    const client = await this.deps.sessions.graphql(merchantId);
    const shop = client.session.shop;
    for (let attempt = 0; ; attempt++) {
      const cost = this.expectedCost.get(document) ?? 10;
      await this.limiter.reserve(shop, cost);
      let extensions: CostExtensions | undefined;
      try {
        const response = await client.request<AdminResult<D>>(document, { variables });
        extensions = response.extensions as CostExtensions | undefined;
        return response.data as AdminResult<D>;
      } catch (error) {
        if (error instanceof GraphqlQueryError) {
          const body = error.body as {
            errors?: { graphQLErrors?: GraphqlErrorEntry[] };
            extensions?: unknown;
          };
          extensions = body.extensions as CostExtensions | undefined;
          const errors = body.errors?.graphQLErrors ?? [];
          if (errors.some((e) => e.extensions?.code === 'THROTTLED')) {
            this.throttled += 1;
            if (attempt < (this.deps.maxThrottledRetries ?? 5)) continue;
            throw new DomainError('RETRY_LATER', `${shop} stayed throttled after ${attempt + 1} attempts.`);
          }
          // Any other GraphQL error is a document the schema refuses: a bug, not bad luck.
          throw new Error(`Admin GraphQL refused the request: ${errors.map((e) => e.message).join('; ')}`);
        }
        if (error instanceof HttpResponseError && error.response.code === 401) {
          throw new DomainError('RETRY_LATER', `${shop} refused our access token (401).`);
        }
        throw error;
      } finally {
        this.learn(shop, document, cost, extensions);
      }
    }
  }

  private learn(shop: string, document: string, reserved: number, extensions: CostExtensions | undefined) {
    const cost = extensions?.cost;
    this.limiter.settle(shop, reserved, cost?.throttleStatus);
    if (typeof cost?.requestedQueryCost === 'number')
      this.expectedCost.set(document, cost.requestedQueryCost);
  }
}

/** Throws when a mutation answered userErrors; returns the payload otherwise. */
export function withoutUserErrors<P extends { userErrors: UserError[] }>(
  payload: P | null | undefined,
  what: string,
  accept: (error: UserError) => boolean = () => false,
): P {
  if (!payload) throw new Error(`${what}: no payload`);
  const refused = payload.userErrors.filter((e) => !accept(e));
  if (refused.length > 0) {
    throw new DomainError(
      'VALIDATION',
      `${what} refused by Shopify: ${refused.map((e) => `${e.code ?? ''} ${e.message}`.trim()).join('; ')}`,
      { details: { userErrors: refused } },
    );
  }
  return payload;
}
