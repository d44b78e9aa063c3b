// The OrderSource port on Shopify's Admin API: what the reconciliation job reads to catch
// webhooks Shopify dropped or has not delivered yet.
import type { DomainEvent, OrderSource } from '@referrals/core';
import type { Logger } from 'pino';
import type { AdminGraphql } from '../shopify/admin-graphql.js';
import { fetchRecentOrders } from './fetch-recent-orders.js';
import { orderToEvents } from './order-to-events.js';

export type ShopifyOrderSourceDeps = {
  graphql: Pick<AdminGraphql, 'request'>;
  logger: Logger;
  pageSize?: number;
};

export class ShopifyOrderSource implements OrderSource {
  constructor(private readonly deps: ShopifyOrderSourceDeps) {}

  async *listOrdersUpdatedSince(merchantId: string, since: Date): AsyncGenerator<DomainEvent[]> {
    const orders = fetchRecentOrders(this.deps.graphql, merchantId, {
      updatedSince: since,
      ...(this.deps.pageSize ? { pageSize: this.deps.pageSize } : {}),
    });
    for await (const order of orders) {
      let events: DomainEvent[];
      try {
        events = orderToEvents(order);
      } catch (error) {
        // One order we cannot map (say, an amount with more decimals than its currency) must not
        // stop every other order of the shop from being reconciled, run after run.
        this.deps.logger.warn({ merchantId, order: order.id, err: error }, 'order skipped by reconciliation');
        continue;
      }
      yield events;
    }
  }
}
