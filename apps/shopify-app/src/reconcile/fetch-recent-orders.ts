// Pages through a shop's orders changed since a time, oldest change first. Cursors are keyset
// (sort key + id), so an order updated while we page moves behind the cursor and comes again on a
// later page rather than being skipped; the consumer is idempotent, so seeing it twice is harmless.
import type { AdminGraphql } from '../shopify/admin-graphql.js';
import { RECONCILE_ORDERS } from '../shopify/documents.js';
import {
  type ReconcileOrder,
  type ReconcileOrdersPageInput,
  reconcileOrdersPageSchema,
} from './order-node.js';

/** About 15 cost points an order: 50 stays well under Shopify's 1,000-point single-query limit. */
export const DEFAULT_RECONCILE_PAGE_SIZE = 50;

export type FetchRecentOrdersOptions = { updatedSince: Date; pageSize?: number };

/** Shopify's search syntax takes an ISO time; DateTime has whole seconds, so round down (>= stays inclusive). */
export function updatedSinceQuery(updatedSince: Date): string {
  const seconds = Math.floor(updatedSince.getTime() / 1000) * 1000;
  return `updated_at:>='${new Date(seconds).toISOString().replace('.000Z', 'Z')}'`;
}

export async function* fetchRecentOrders(
  graphql: Pick<AdminGraphql, 'request'>,
  merchantId: string,
  options: FetchRecentOrdersOptions,
): AsyncGenerator<ReconcileOrder> {
  const first = options.pageSize ?? DEFAULT_RECONCILE_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > 250) {
    throw new RangeError(`pageSize must be an integer from 1 to 250, got ${first}`);
  }
  const query = updatedSinceQuery(options.updatedSince);
  let after: string | null = null;
  for (;;) {
    // Typed by codegen, so the schema can't expect a field the document doesn't ask for; still
    // parsed, since the response is external input like any webhook.
    const data: ReconcileOrdersPageInput = await graphql.request(merchantId, RECONCILE_ORDERS, {
      first,
      after,
      query,
    });
    const { orders } = reconcileOrdersPageSchema.parse(data);
    yield* orders.nodes;
    if (!orders.pageInfo.hasNextPage) return;
    if (!orders.pageInfo.endCursor) throw new Error('Shopify said there is a next page but gave no cursor');
    after = orders.pageInfo.endCursor;
  }
}
