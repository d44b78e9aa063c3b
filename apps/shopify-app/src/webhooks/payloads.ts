// The fields of Shopify's webhook payloads that the referral engine reads. Shopify sends many
// more; they are kept in the inbox as received and ignored here.
import { z } from 'zod';

const id = z.union([z.number().int(), z.string().min(1)]).transform(String);
const decimal = z.union([z.string(), z.number()]).transform(String);

/** The cart attributes our theme embed sets from the referral link: the latest code, the visitor id, */
export const REFERRAL_CODE_ATTRIBUTE = '_referral_code';
export const VISITOR_ID_ATTRIBUTE = '_referral_visitor';
/** every code it saw with when (webhooks/cart-touches.ts), */
export const REFERRAL_TOUCHES_ATTRIBUTE = '_referral_touches';
/** and the link's signature (`?rs=`) for the latest code, which the discount function checks. */
export const REFERRAL_SIGNATURE_ATTRIBUTE = '_referral_sig';

export const shopifyAddressSchema = z
  .object({
    address1: z.string().nullish(),
    address2: z.string().nullish(),
    city: z.string().nullish(),
    zip: z.string().nullish(),
    country_code: z.string().nullish(),
  })
  .nullish();

export const shopifyOrderSchema = z.object({
  id,
  email: z.string().nullish(),
  created_at: z.string(),
  processed_at: z.string().nullish(),
  cancelled_at: z.string().nullish(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  total_price: decimal,
  /** Line items after discounts. */
  subtotal_price: decimal.nullish(),
  /** Line items before discounts: what Shopify checks a discount's minimum subtotal against. */
  total_line_items_price: decimal.nullish(),
  browser_ip: z.string().nullish(),
  landing_site: z.string().nullish(),
  /** Matches the web pixel's checkout token (src/pixel): its visitor counts for this order only. */
  checkout_token: z.string().nullish(),
  note_attributes: z
    .array(z.object({ name: z.string(), value: z.union([z.string(), z.number()]).nullish() }))
    .default([]),
  discount_codes: z.array(z.object({ code: z.string() })).default([]),
  customer: z
    .object({
      id,
      email: z.string().nullish(),
      first_name: z.string().nullish(),
      orders_count: z.number().int().nullish(),
    })
    .nullish(),
  shipping_address: shopifyAddressSchema,
});

export const shopifyRefundSchema = z.object({
  id,
  order_id: id,
  created_at: z.string(),
  transactions: z
    .array(
      z.object({
        kind: z.string(),
        status: z.string().nullish(),
        amount: decimal,
        currency: z.string().nullish(),
      }),
    )
    .default([]),
});

export const shopifyCustomerSchema = z.object({
  id,
  email: z.string().nullish(),
  first_name: z.string().nullish(),
  created_at: z.string(),
});

export const shopifyAppUninstalledSchema = z.object({ id, myshopify_domain: z.string().nullish() });

const privacyCustomer = z.object({
  id: id.nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
});

/** customers/data_request: the merchant relays a customer's request for their data. */
export const shopifyDataRequestSchema = z.object({
  shop_domain: z.string(),
  customer: privacyCustomer,
  orders_requested: z.array(id).default([]),
  data_request: z.object({ id }),
});

/** customers/redact: erase a customer (sent 10 days after the request when they have orders). */
export const shopifyCustomerRedactSchema = z.object({
  shop_domain: z.string(),
  customer: privacyCustomer,
  orders_to_redact: z.array(id).default([]),
});

/** shop/redact: 48 hours after an uninstall, erase everything about the shop. */
export const shopifyShopRedactSchema = z.object({ shop_domain: z.string() });

/** Each topic we subscribe to, with the schema its payload must pass before it is stored. */
export const topicSchemas = {
  'app/uninstalled': shopifyAppUninstalledSchema,
  'customers/data_request': shopifyDataRequestSchema,
  'customers/redact': shopifyCustomerRedactSchema,
  'shop/redact': shopifyShopRedactSchema,
  'orders/create': shopifyOrderSchema,
  'orders/paid': shopifyOrderSchema,
  'orders/cancelled': shopifyOrderSchema,
  'refunds/create': shopifyRefundSchema,
  'customers/create': shopifyCustomerSchema,
} as const;

export type ShopifyTopic = keyof typeof topicSchemas;
export const isShopifyTopic = (topic: string): topic is ShopifyTopic => topic in topicSchemas;
