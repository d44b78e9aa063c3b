// What the web pixel (extensions/referral-pixel) posts on checkout_completed, and what the inbox
// keeps of it: the shop and key are checked at the door and not stored.
import type { DomainEvent } from '@referrals/core';
import { z } from 'zod';
import { linkShopSchema, visitorIdSchema } from '../links/link-input.js';

/** The inbox topic of a pixel event (platform shopify; no Shopify webhook has this topic). */
export const PIXEL_CHECKOUT_TOPIC = 'pixel/checkout_completed';

/** Shopify order ids: the numeric id the order webhooks carry, or its gid. */
const orderIdSchema = z
  .string()
  .regex(/^(gid:\/\/shopify\/Order\/)?\d{1,20}$/, 'a Shopify order id (digits or gid://shopify/Order/…)')
  .transform((id) => id.slice(id.lastIndexOf('/') + 1));

/** The event as stored in the inbox and read back by the mapper. */
export const pixelCheckoutEventSchema = z.object({
  orderId: orderIdSchema,
  checkoutToken: z
    .string()
    .regex(/^[A-Za-z0-9_=.:-]{8,200}$/, 'a Shopify checkout token (8-200 of A-Z a-z 0-9 _ = . : -)'),
  visitorId: visitorIdSchema,
  occurredAt: z.iso.datetime({ offset: true, message: 'an ISO 8601 time' }),
});
export type PixelCheckoutEvent = z.infer<typeof pixelCheckoutEventSchema>;

/** The request body: the event plus the shop it is for and that shop's pixel key. */
export const pixelCheckoutBodySchema = pixelCheckoutEventSchema.extend({
  shop: linkShopSchema,
  key: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'the key from the pixel settings'),
});

/** The inbox row's payload -> the engine's event. */
export function mapPixelCheckout(payload: unknown): DomainEvent {
  const event = pixelCheckoutEventSchema.parse(payload);
  return { type: 'CheckoutVisitorSeen', ...event, occurredAt: new Date(event.occurredAt) };
}
