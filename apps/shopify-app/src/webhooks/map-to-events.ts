// Shopify webhook payloads -> the engine's platform-neutral events. Pure: the worker calls it on
// each stored inbox row.
import { type DomainEvent, decimalToMinor, type InboundMapper, type OrderFacts } from '@referrals/core';
import type { z } from 'zod';
import { mapPixelCheckout, PIXEL_CHECKOUT_TOPIC } from '../pixel/payload.js';
import { parseCartTouches } from './cart-touches.js';
import {
  isShopifyTopic,
  REFERRAL_CODE_ATTRIBUTE,
  REFERRAL_TOUCHES_ATTRIBUTE,
  shopifyCustomerRedactSchema,
  shopifyCustomerSchema,
  shopifyDataRequestSchema,
  shopifyOrderSchema,
  shopifyRefundSchema,
  VISITOR_ID_ATTRIBUTE,
} from './payloads.js';

type ShopifyOrder = z.infer<typeof shopifyOrderSchema>;

function orderFacts(order: ShopifyOrder): OrderFacts {
  const attribute = (name: string) => {
    const value = order.note_attributes.find((a) => a.name === name)?.value;
    return value === undefined || value === null || value === '' ? null : String(value);
  };
  const address = order.shipping_address;
  const occurredAt = new Date(order.processed_at ?? order.created_at);
  return {
    orderId: order.id,
    occurredAt,
    customer: {
      id: order.customer?.id ?? null,
      email: order.email ?? order.customer?.email ?? null,
      firstName: order.customer?.first_name ?? null,
      // orders_count includes this order when Shopify sends it (unconfirmed for every version).
      previousOrders:
        typeof order.customer?.orders_count === 'number'
          ? Math.max(0, order.customer.orders_count - 1)
          : null,
    },
    totalMinor: decimalToMinor(order.total_price, order.currency),
    subtotalMinor: decimalToMinor(order.subtotal_price ?? order.total_price, order.currency),
    subtotalBeforeDiscountsMinor:
      order.total_line_items_price == null
        ? null
        : decimalToMinor(order.total_line_items_price, order.currency),
    currency: order.currency,
    discountCodes: order.discount_codes.map((d) => d.code),
    referralCode: attribute(REFERRAL_CODE_ATTRIBUTE),
    ...parseCartTouches(attribute(REFERRAL_TOUCHES_ATTRIBUTE), occurredAt),
    visitorId: attribute(VISITOR_ID_ATTRIBUTE),
    checkoutToken: order.checkout_token ?? null,
    ipAddress: order.browser_ip ?? null,
    landingUrl: order.landing_site ?? null,
    shippingAddress: address
      ? {
          line1: address.address1,
          line2: address.address2,
          city: address.city,
          zip: address.zip,
          countryCode: address.country_code,
        }
      : null,
  };
}

/** `receivedAt`: when the webhook arrived (compliance payloads carry no time of their own). */
export function mapShopifyWebhook(
  topic: string,
  payload: unknown,
  meta: { externalId: string; receivedAt: Date } = { externalId: 'unknown', receivedAt: new Date() },
): DomainEvent[] {
  // Not a webhook: the web pixel's report, stored by POST /pixel/checkout-completed.
  if (topic === PIXEL_CHECKOUT_TOPIC) return [mapPixelCheckout(payload)];
  if (!isShopifyTopic(topic)) throw new Error(`Unsupported Shopify topic ${topic}`);
  switch (topic) {
    case 'app/uninstalled':
      return [{ type: 'AppUninstalled', occurredAt: meta.receivedAt }];
    case 'customers/data_request': {
      const request = shopifyDataRequestSchema.parse(payload);
      return [
        {
          type: 'CustomerPrivacyRequest',
          kind: 'customer_data_request',
          requestId: request.data_request.id,
          customer: { id: request.customer.id ?? null, email: request.customer.email ?? null },
          orderIds: request.orders_requested,
          occurredAt: meta.receivedAt,
        },
      ];
    }
    case 'customers/redact': {
      const request = shopifyCustomerRedactSchema.parse(payload);
      return [
        {
          type: 'CustomerPrivacyRequest',
          kind: 'customer_redact',
          requestId: meta.externalId,
          customer: { id: request.customer.id ?? null, email: request.customer.email ?? null },
          orderIds: request.orders_to_redact,
          occurredAt: meta.receivedAt,
        },
      ];
    }
    case 'shop/redact':
      return [{ type: 'MerchantRedact', occurredAt: meta.receivedAt }];
    case 'orders/create':
      return [{ type: 'OrderPlaced', ...orderFacts(shopifyOrderSchema.parse(payload)) }];
    case 'orders/paid':
      return [{ type: 'OrderPaid', ...orderFacts(shopifyOrderSchema.parse(payload)) }];
    case 'orders/cancelled': {
      const order = shopifyOrderSchema.parse(payload);
      return [
        {
          type: 'OrderCancelled',
          orderId: order.id,
          occurredAt: new Date(order.cancelled_at ?? order.created_at),
        },
      ];
    }
    case 'refunds/create': {
      const refund = shopifyRefundSchema.parse(payload);
      const refunds = refund.transactions.filter(
        (t) => t.kind === 'refund' && (t.status ?? 'success') === 'success',
      );
      const currency = refunds[0]?.currency;
      if (!currency) return []; // a refund that returned no money (e.g. restock only) changes no reward
      return [
        {
          type: 'OrderRefunded',
          orderId: refund.order_id,
          refundId: refund.id,
          amountMinor: refunds.reduce((sum, t) => sum + decimalToMinor(t.amount, currency), 0),
          currency,
          occurredAt: new Date(refund.created_at),
        },
      ];
    }
    case 'customers/create': {
      const customer = shopifyCustomerSchema.parse(payload);
      return [
        {
          type: 'CustomerCreated',
          customer: {
            id: customer.id,
            email: customer.email ?? null,
            firstName: customer.first_name ?? null,
          },
          occurredAt: new Date(customer.created_at),
        },
      ];
    }
  }
}

/** The worker's mapper for inbox rows stored by the Shopify webhook route. */
export const shopifyMapper: InboundMapper = (row) =>
  mapShopifyWebhook(row.topic, row.payload, { externalId: row.externalId, receivedAt: row.receivedAt });
